using System.Text.Json.Nodes;

namespace CapacityGrid.Client.Report;

/// <summary>
/// One plot of the report: a plotly figure (<c>data</c> and <c>layout</c>), or, when the map lacks what it needs,
/// the reason in place of the plot.
/// </summary>
/// <param name="Id">Element id of the plot (e.g. <c>plot-accuracy</c>).</param>
/// <param name="Title">Section heading.</param>
/// <param name="Caption">What the plot shows and how it was computed.</param>
/// <param name="Figure">The plotly figure, or null when <paramref name="Missing"/> says why not.</param>
/// <param name="Missing">Why there is no plot.</param>
public sealed record PlotSection(string Id, string Title, string Caption, JsonObject? Figure, string? Missing = null)
{
    /// <summary>A section that explains why its plot is absent.</summary>
    public static PlotSection Without(string id, string title, string caption, string reason) => new(id, title, caption, null, reason);
}

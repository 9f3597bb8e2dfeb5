using System.Text.Json.Nodes;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Report.Figures;

/// <summary>
/// Mean test accuracy of each configuration against its architecture capacity in bits (the MEASURES.md upper bound
/// for a fully connected chain), with seed error bars; the knee is marked when the map carries an analysis.
/// </summary>
public static class ArchitectureBitsFigure
{
    /// <summary>Element id of the plot.</summary>
    public const string Id = "plot-architecture-bits";

    /// <summary>The section for the configurations of a map (and its knee, when known).</summary>
    public static PlotSection Build(IReadOnlyList<ConfigurationSummary> configurations, KneeResult? knee)
    {
        const string title = "Accuracy against architecture capacity";
        const string caption = "Mean test accuracy of each configuration over its seeds (error bars: one standard deviation) against the architecture's capacity in bits (log scale).";
        var measured = configurations.Where(c => c.ArchitectureBits is > 0).ToList();
        if (measured.Count == 0)
        {
            return PlotSection.Without(Id, title, caption,
                configurations.Count == 0
                    ? "No point has finished yet, so there is no accuracy to plot."
                    : "No configuration has an architecture capacity (it is defined for fully connected chains, not for CNNs).");
        }
        var traces = new List<JsonObject>
        {
            new()
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = "mean over seeds",
                ["x"] = Plot.Numbers(measured.Select(c => c.ArchitectureBits)),
                ["y"] = Plot.Numbers(measured.Select(c => c.MeanTestAccuracy)),
                ["text"] = Plot.Strings(measured.Select(c => $"{c.Key} ({c.Seeds} seeds)")),
                ["error_y"] = new JsonObject { ["type"] = "data", ["array"] = Plot.Numbers(measured.Select(c => c.StdTestAccuracy)), ["visible"] = true },
                ["marker"] = new JsonObject { ["size"] = 8 },
            },
        };
        if (knee?.Configuration is { ArchitectureBits: > 0 } k)
        {
            traces.Add(Plot.KneeMarker(k.ArchitectureBits, k.MeanTestAccuracy, k.Key));
        }
        return new PlotSection(Id, title, caption, Plot.Figure(traces, "architecture capacity bits (log scale)", "test accuracy", logX: true));
    }
}

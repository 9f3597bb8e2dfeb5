using System.Text.Json.Nodes;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Client.Report.Figures;

/// <summary>Each finished point's test accuracy against the quantized entropy of its weights, one series per depth.</summary>
public static class WeightEntropyFigure
{
    /// <summary>Element id of the plot.</summary>
    public const string Id = "plot-weight-entropy";

    /// <summary>The section for <paramref name="map"/>.</summary>
    public static PlotSection Build(CapacityMap map)
    {
        const string title = "Weight entropy against accuracy";
        const string caption = "Test accuracy of every finished point against the quantized entropy of its final weights in bits (log scale), one series per depth.";
        var points = map.Points.Where(p => p.Status == PointStatus.Finished && p.TestAccuracy is not null && p.WeightEntropyBits is > 0).ToList();
        if (points.Count == 0)
        {
            return PlotSection.Without(Id, title, caption, "No finished point carries a weight entropy yet.");
        }
        var traces = points.GroupBy(p => p.Depth).OrderBy(g => g.Key).Select(g => new JsonObject
        {
            ["type"] = "scatter", ["mode"] = "markers", ["name"] = $"depth {g.Key}",
            ["x"] = Plot.Numbers(g.Select(p => p.WeightEntropyBits)), ["y"] = Plot.Numbers(g.Select(p => p.TestAccuracy)),
            ["text"] = Plot.Strings(g.Select(p => $"{Configurations.Key(p.HiddenWidths)} seed {p.Seed}")),
            ["marker"] = new JsonObject { ["size"] = 8 },
        });
        return new PlotSection(Id, title, caption, Plot.Figure(traces, "weight entropy bits (log scale)", "test accuracy", logX: true));
    }
}

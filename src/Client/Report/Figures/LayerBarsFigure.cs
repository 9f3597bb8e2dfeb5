using System.Text.Json.Nodes;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Report.Figures;

/// <summary>Per hidden layer of each configuration: its saturation, and its saturation and TwoNN dimensions against its width.</summary>
public static class LayerBarsFigure
{
    /// <summary>Element id of the plot.</summary>
    public const string Id = "plot-layers";

    /// <summary>The section for <paramref name="map"/>.</summary>
    public static PlotSection Build(CapacityMap map, IReadOnlyList<ConfigurationSummary> configurations)
    {
        const string title = "Per-layer saturation and dimension";
        const string caption = "The final model's hidden layers on the test part, averaged over seeds: Delve saturation (left axis, fraction of the width), " +
            "and the saturation dimension, TwoNN dimension and width in units (right axis).";
        var byId = map.Points.ToDictionary(p => p.PointId);
        var bars = new List<(string Label, int Width, double? Saturation, double? Dimension, double? TwoNN)>();
        foreach (var configuration in configurations)
        {
            var probes = configuration.PointIds
                .Where(byId.ContainsKey)
                .Select(id => PointMeasures.FinalLayers(byId[id].Measures?.Layers?.Test))
                .Where(l => l.Count > 0)
                .ToList();
            for (var layer = 0; probes.Count > 0 && layer < probes[0].Count; layer++)
            {
                var at = probes.Where(p => p.Count > layer).Select(p => p[layer]).ToList();
                bars.Add(($"{configuration.Key} {at[0].Name}", at[0].Width, Mean(at.Select(l => l.Saturation)), Mean(at.Select(l => l.SaturationDimension)), Mean(at.Select(l => l.TwoNNDimension))));
            }
        }
        if (bars.Count == 0)
        {
            return PlotSection.Without(Id, title, caption, "No finished point carries a probe of its final layers (the map has no points[].measures.layers).");
        }
        var labels = Plot.Strings(bars.Select(b => b.Label));
        JsonObject Bar(string name, JsonArray y, string axis, string group) => new()
        {
            ["type"] = "bar", ["name"] = name, ["x"] = labels.DeepClone(), ["y"] = y, ["yaxis"] = axis, ["offsetgroup"] = group,
        };
        var traces = new List<JsonObject>
        {
            Bar("saturation (test)", Plot.Numbers(bars.Select(b => b.Saturation)), "y", "1"),
            Bar("saturation dimension", Plot.Numbers(bars.Select(b => b.Dimension)), "y2", "2"),
            Bar("TwoNN dimension", Plot.Numbers(bars.Select(b => b.TwoNN)), "y2", "3"),
            new()
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = "width", ["x"] = labels.DeepClone(), ["yaxis"] = "y2",
                ["y"] = Plot.Numbers(bars.Select(b => (double)b.Width)),
                ["marker"] = new JsonObject { ["symbol"] = "line-ew-open", ["size"] = 16, ["color"] = "black" },
            },
        };
        var layout = new JsonObject
        {
            ["barmode"] = "group",
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "saturation" }, ["range"] = new JsonArray(0, 1) },
            ["yaxis2"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "units" }, ["overlaying"] = "y", ["side"] = "right", ["rangemode"] = "tozero" },
            ["xaxis"] = new JsonObject { ["type"] = "category", ["tickangle"] = -45, ["automargin"] = true },
        };
        return new PlotSection(Id, title, caption, Plot.Figure(traces, "", "", extraLayout: layout));
    }

    private static double? Mean(IEnumerable<double?> values) =>
        values.Where(v => v is not null).Select(v => v!.Value).ToArray() is { Length: > 0 } present ? present.Average() : null;
}

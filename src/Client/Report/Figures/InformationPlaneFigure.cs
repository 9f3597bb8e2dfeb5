using System.Text.Json.Nodes;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Report.Figures;

/// <summary>
/// The information plane: each hidden layer's matrix-based Rényi I(X;T) against I(T;Y) on the training part, epoch by
/// epoch (first finished seed of each configuration), or the final models' coordinates when no epoch measured them.
/// </summary>
public static class InformationPlaneFigure
{
    /// <summary>Element id of the plot.</summary>
    public const string Id = "plot-information-plane";

    /// <summary>The section for <paramref name="map"/>.</summary>
    public static PlotSection Build(CapacityMap map, IReadOnlyList<ConfigurationSummary> configurations)
    {
        const string title = "Information plane";
        var byId = map.Points.ToDictionary(p => p.PointId);
        var traces = new List<JsonObject>();
        foreach (var configuration in configurations)
        {
            var plane = configuration.PointIds.Where(byId.ContainsKey)
                .Select(id => (Row: byId[id], Plane: PointMeasures.InformationPlane(byId[id].Epochs)))
                .FirstOrDefault(p => p.Plane.Count > 0);
            if (plane.Row is null)
            {
                continue;
            }
            foreach (var layer in plane.Plane.GroupBy(p => p.Layer))
            {
                var epochs = layer.OrderBy(p => p.Epoch).ToList();
                traces.Add(new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = "lines+markers", ["name"] = $"{configuration.Key} {layer.Key} (seed {plane.Row.Seed})",
                    ["x"] = Plot.Numbers(epochs.Select(p => p.InputBits)), ["y"] = Plot.Numbers(epochs.Select(p => p.LabelBits)),
                    ["text"] = Plot.Strings(epochs.Select(p => $"epoch {p.Epoch}")),
                    ["marker"] = new JsonObject { ["size"] = 6, ["color"] = Plot.Numbers(epochs.Select(p => (double)p.Epoch)), ["colorscale"] = "Viridis" },
                });
            }
        }
        if (traces.Count > 0)
        {
            return new PlotSection(Id, title,
                "Matrix-based Rényi I(X;T) against I(T;Y) of every hidden layer on the training part, one marker per epoch (darker: earlier), for the first finished seed of each configuration.",
                Plot.Figure(traces, "I(X;T) bits", "I(T;Y) bits"));
        }
        return FinalModels(map, configurations, title);
    }

    private static PlotSection FinalModels(CapacityMap map, IReadOnlyList<ConfigurationSummary> configurations, string title)
    {
        const string caption = "Per-epoch coordinates were not measured (the spec's measures.informationPlane is off), so this shows the final models only: " +
            "matrix-based Rényi I(X;T) against I(T;Y) of each hidden layer on the training part, one marker per finished point.";
        var byId = map.Points.ToDictionary(p => p.PointId);
        var final = configurations
            .SelectMany(c => c.PointIds.Where(byId.ContainsKey).SelectMany(id => PointMeasures.FinalLayers(byId[id].Measures?.Layers?.Train)
                .Select((l, i) => (Key: $"{c.Key} seed {byId[id].Seed}", Index: i, Layer: l))))
            .Where(x => x.Layer.InputBits is not null && x.Layer.LabelBits is not null)
            .ToList();
        if (final.Count == 0)
        {
            return PlotSection.Without(Id, title, caption,
                "No information-plane coordinates in this map: no epoch measured them (set measures.informationPlane to true in the spec) and no final probe carries them.");
        }
        var traces = final.GroupBy(x => x.Index).OrderBy(g => g.Key).Select(g => new JsonObject
        {
            ["type"] = "scatter", ["mode"] = "markers", ["name"] = $"hidden layer {g.Key + 1}",
            ["x"] = Plot.Numbers(g.Select(x => x.Layer.InputBits)), ["y"] = Plot.Numbers(g.Select(x => x.Layer.LabelBits)),
            ["text"] = Plot.Strings(g.Select(x => x.Key)),
        });
        return new PlotSection(Id, title, caption, Plot.Figure(traces, "I(X;T) bits", "I(T;Y) bits"));
    }
}

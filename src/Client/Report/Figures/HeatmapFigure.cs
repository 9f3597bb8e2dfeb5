using System.Globalization;
using System.Text.Json.Nodes;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Report.Figures;

/// <summary>Mean test accuracy over the width x depth grid of the uniform configurations (every hidden layer one width).</summary>
public static class HeatmapFigure
{
    /// <summary>Element id of the plot.</summary>
    public const string Id = "plot-heatmap";

    /// <summary>The section for the configurations.</summary>
    public static PlotSection Build(IReadOnlyList<ConfigurationSummary> configurations)
    {
        const string title = "Width x depth";
        const string caption = "Mean test accuracy over seeds of each uniform configuration (every hidden layer of one width); empty cells were not in the grid or have not finished.";
        var uniform = configurations.Where(c => Configurations.IsUniform(c.HiddenWidths)).ToList();
        if (uniform.Count == 0)
        {
            return PlotSection.Without(Id, title, caption,
                configurations.Count == 0 ? "No point has finished yet." : "The grid has no uniform configurations (only funnel, expanding, hourglass or explicit shapes), so it has no width x depth plane.");
        }
        var widths = uniform.Select(c => c.HiddenWidths[0]).Distinct().Order().ToArray();
        var depths = uniform.Select(c => c.Depth).Distinct().Order().ToArray();
        var byCell = uniform.ToDictionary(c => (c.HiddenWidths[0], c.Depth), c => c.MeanTestAccuracy);
        var z = new JsonArray([.. depths.Select(d => (JsonNode)Plot.Numbers(widths.Select(w => byCell.TryGetValue((w, d), out var a) ? a : (double?)null)))]);
        var trace = new JsonObject
        {
            ["type"] = "heatmap",
            ["x"] = Plot.Strings(widths.Select(w => w.ToString(CultureInfo.InvariantCulture))),
            ["y"] = Plot.Strings(depths.Select(d => d.ToString(CultureInfo.InvariantCulture))),
            ["z"] = z,
            ["colorscale"] = "Viridis",
            ["texttemplate"] = "%{z:.3f}",
            ["hoverongaps"] = false,
            ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "test acc" } },
        };
        var layout = new JsonObject
        {
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "width (units per hidden layer)" }, ["type"] = "category" },
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "depth (hidden layers)" }, ["type"] = "category" },
        };
        return new PlotSection(Id, title, caption, Plot.Figure([trace], "", "", extraLayout: layout));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Client.Report.Figures;

/// <summary>Mean test accuracy of each configuration against its parameter count, with seed error bars and the knee.</summary>
public static class AccuracyFigure
{
    /// <summary>Element id of the plot.</summary>
    public const string Id = "plot-accuracy";

    /// <summary>The section for <paramref name="map"/>.</summary>
    public static PlotSection Build(CapacityMap map, IReadOnlyList<ConfigurationSummary> configurations)
    {
        const string title = "Accuracy against parameters";
        var caption = "Mean test accuracy of each configuration over its seeds (error bars: one standard deviation), each seed as a small dot.";
        if (configurations.Count == 0)
        {
            return PlotSection.Without(Id, title, caption, "No point has finished yet, so there is no accuracy to plot.");
        }
        var traces = new List<JsonObject>
        {
            new()
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = "each seed",
                ["x"] = Plot.Numbers(Finished(map).Select(p => (double)p.ParameterCount)),
                ["y"] = Plot.Numbers(Finished(map).Select(p => p.TestAccuracy)),
                ["text"] = Plot.Strings(Finished(map).Select(p => $"{Configurations.Key(p.HiddenWidths)} seed {p.Seed}")),
                ["marker"] = new JsonObject { ["size"] = 5, ["color"] = "rgba(120,120,120,0.5)" },
            },
            new()
            {
                ["type"] = "scatter", ["mode"] = "lines+markers", ["name"] = "mean over seeds",
                ["x"] = Plot.Numbers(configurations.Select(c => (double)c.ParameterCount)),
                ["y"] = Plot.Numbers(configurations.Select(c => c.MeanTestAccuracy)),
                ["text"] = Plot.Strings(configurations.Select(c => $"{c.Key} ({c.Seeds} seeds)")),
                ["error_y"] = new JsonObject { ["type"] = "data", ["array"] = Plot.Numbers(configurations.Select(c => c.StdTestAccuracy)), ["visible"] = true },
                ["line"] = new JsonObject { ["shape"] = "hv", ["dash"] = "dot", ["width"] = 1 },
                ["marker"] = new JsonObject { ["size"] = 8 },
            },
        };
        JsonObject? layout = null;
        if (map.Analysis?.Knee is { } knee)
        {
            var k = knee.Configuration;
            caption += $" The knee ({k.Key}, star) is the smallest configuration within {Percent(knee.Tolerance)} of the best mean ({knee.BestMeanTestAccuracy.ToString("0.0000", CultureInfo.InvariantCulture)}); the dashed line marks that threshold.";
            traces.Add(Plot.KneeMarker(k.ParameterCount, k.MeanTestAccuracy, k.Key));
            layout = new JsonObject
            {
                ["shapes"] = new JsonArray(new JsonObject
                {
                    ["type"] = "line", ["xref"] = "paper", ["x0"] = 0, ["x1"] = 1, ["yref"] = "y",
                    ["y0"] = knee.BestMeanTestAccuracy - knee.Tolerance, ["y1"] = knee.BestMeanTestAccuracy - knee.Tolerance,
                    ["line"] = new JsonObject { ["dash"] = "dash", ["color"] = "#d62728", ["width"] = 1 },
                }),
            };
        }
        else
        {
            caption += " No knee is marked: this map carries no analysis yet.";
        }
        return new PlotSection(Id, title, caption, Plot.Figure(traces, "parameters (log scale)", "test accuracy", logX: true, layout));
    }

    private static IEnumerable<CapacityMapRow> Finished(CapacityMap map) => map.Points.Where(p => p.Status == PointStatus.Finished && p.TestAccuracy is not null);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0#", CultureInfo.InvariantCulture) + " pp";
}

using System.Text;
using CapacityGrid.Client.Report.Figures;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Client.Report;

/// <summary>The report as one self-contained HTML document: plotly.js inlined, every figure's data embedded, nothing fetched at view time.</summary>
public static class ReportDocument
{
    /// <summary>The plots of <paramref name="map"/>, in report order.</summary>
    public static IReadOnlyList<PlotSection> Plots(CapacityMap map)
    {
        var configurations = Configurations.Of(map);
        return
        [
            AccuracyFigure.Build(map, configurations),
            ArchitectureBitsFigure.Build(configurations, map.Analysis?.Knee),
            HeatmapFigure.Build(configurations),
            LayerBarsFigure.Build(map, configurations),
            InformationPlaneFigure.Build(map, configurations),
            WeightEntropyFigure.Build(map),
        ];
    }

    /// <summary>The HTML of the report, with <paramref name="plotlyScript"/> (plotly.min.js) inlined.</summary>
    public static string Render(CapacityMap map, string plotlyScript)
    {
        var title = $"CapacityGrid report: {map.ExperimentId}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append($"<title>{Html.Text(title)}</title><style>{Style}</style>")
            .Append("<script>").Append(plotlyScript).Append("</script></head><body>\n")
            .Append($"<h1>{Html.Text(title)}</h1><p>Experiment <code>{Html.Text(map.ExperimentId)}</code> ({Html.Text(map.Name)}): ")
            .Append($"{map.Points.Count} points, {map.Points.Count(p => p.Status == PointStatus.Finished)} finished.</p>\n");
        html.Append("<section id=\"recommendation\"><h2>Recommendation</h2>").Append(AnalysisSection.Recommendation(map.Analysis)).Append("</section>\n");
        html.Append("<section id=\"knee\"><h2>Knee</h2>").Append(AnalysisSection.Knee(map.Analysis)).Append("</section>\n");
        foreach (var plot in Plots(map))
        {
            html.Append($"<section class=\"plot-section\" id=\"{plot.Id}-section\"><h2>{Html.Text(plot.Title)}</h2><p class=\"caption\">{Html.Text(plot.Caption)}</p>");
            if (plot.Figure is { } figure)
            {
                html.Append($"<div class=\"plot\" id=\"{plot.Id}\"></div><script type=\"application/json\" id=\"{plot.Id}-figure\">")
                    .Append(figure.ToJsonString()).Append("</script>");
            }
            else
            {
                html.Append($"<p class=\"missing\" id=\"{plot.Id}-missing\">{Html.Text(plot.Missing)}</p>");
            }
            html.Append("</section>\n");
        }
        html.Append("<section id=\"verdicts\"><h2>Per-layer verdicts</h2>").Append(AnalysisSection.Verdicts(map.Analysis)).Append("</section>\n");
        html.Append("<section id=\"dataset\"><h2>Dataset measures</h2>").Append(DatasetTable.Render(map)).Append("</section>\n");
        html.Append("<section id=\"configurations\"><h2>Configurations</h2>").Append(ConfigurationTable(Configurations.Of(map))).Append("</section>\n");
        html.Append("<script>").Append(DrawScript).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static string ConfigurationTable(IReadOnlyList<ConfigurationSummary> configurations)
    {
        if (configurations.Count == 0)
        {
            return "<p class=\"missing\">No configuration has a finished point yet.</p>";
        }
        var html = new StringBuilder("<table>").Append(Html.Header("hidden widths", "depth", "parameters", "architecture bits", "weight entropy bits", "mean test accuracy", "sd", "seeds"));
        foreach (var c in configurations)
        {
            html.Append(Html.Row(c.Key, $"{c.Depth}", $"{c.ParameterCount}", Html.Number(c.ArchitectureBits, "0"), Html.Number(c.WeightEntropyBits, "0"),
                Html.Number(c.MeanTestAccuracy, "0.0000"), Html.Number(c.StdTestAccuracy, "0.0000"), $"{c.Seeds}"));
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>Draws every <c>div.plot</c> from the figure JSON beside it.</summary>
    internal const string DrawScript =
        "for (const el of document.querySelectorAll('div.plot')) {" +
        " const fig = JSON.parse(document.getElementById(el.id + '-figure').textContent);" +
        " Plotly.newPlot(el, fig.data, fig.layout, { displaylogo: false, responsive: true });" +
        "}";

    /// <summary>The reports' stylesheet.</summary>
    internal const string Style =
        "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}" +
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}" +
        ".plot{width:100%;height:460px}.caption{color:#555}.missing{color:#a33;font-style:italic}" +
        "tr.thin{color:#888}.recommendation{font-size:1.15em}";
}

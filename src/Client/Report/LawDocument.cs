using System.Text;
using CapacityGrid.Analysis.Capacity.Law;
using CapacityGrid.Client.Report.Figures;

namespace CapacityGrid.Client.Report;

/// <summary>The capacity law of <c>capgrid relate --html</c> as one self-contained HTML page: the fits, one plot per fit, the experiments.</summary>
public static class LawDocument
{
    /// <summary>The plots of <paramref name="report"/>, best fit first.</summary>
    public static IReadOnlyList<PlotSection> Plots(LawReport report) => [.. report.Fits.Select(f => LawFigure.Build(f, report.Capacity))];

    /// <summary>The HTML of the page, with <paramref name="plotlyScript"/> (plotly.min.js) inlined.</summary>
    public static string Render(LawReport report, string plotlyScript)
    {
        const string title = "CapacityGrid: the capacity law across experiments";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append($"<title>{Html.Text(title)}</title><style>{ReportDocument.Style}</style>")
            .Append("<script>").Append(plotlyScript).Append("</script></head><body>\n")
            .Append($"<h1>{Html.Text(title)}</h1><p>The knee's {Html.Text(report.Capacity)} of {report.Experiments.Count} experiments against each dataset estimate, ")
            .Append("fitted as a power law in log-log space. The leave-one-out error is how many of an experiment's grid steps the law fitted on the other experiments was off its knee.</p>\n");
        html.Append("<section id=\"fits\"><h2>Fits</h2><table>")
            .Append(Html.Header("estimate", "experiments", "law", "R²", "leave-one-out steps, mean", "worst"));
        foreach (var fit in report.Fits)
        {
            var law = fit.Coefficient is { } c && fit.Exponent is { } b ? $"{Html.Number(c, "G3")} x estimate^{Html.Number(b, "0.000")}" : $"no fit: {fit.Reason}";
            html.Append(Html.Row(fit.Estimate, $"{fit.Experiments}", law, Html.Number(fit.RSquared, "0.000"),
                Html.Number(fit.MeanLeaveOneOutSteps, "0.00"), Html.Number(fit.MaxLeaveOneOutSteps, "0.00")));
        }
        html.Append("</table></section>\n");
        foreach (var plot in Plots(report))
        {
            html.Append($"<section class=\"plot-section\" id=\"{plot.Id}-section\"><h2>{Html.Text(plot.Title)}</h2><p class=\"caption\">{Html.Text(plot.Caption)}</p>");
            html.Append(plot.Figure is { } figure
                ? $"<div class=\"plot\" id=\"{plot.Id}\"></div><script type=\"application/json\" id=\"{plot.Id}-figure\">{figure.ToJsonString()}</script>"
                : $"<p class=\"missing\" id=\"{plot.Id}-missing\">{Html.Text(plot.Missing)}</p>");
            html.Append("</section>\n");
        }
        html.Append("<section id=\"experiments\"><h2>Experiments</h2><table>").Append(Html.Header("experiment", "dataset", $"knee {report.Capacity}", "grid step"));
        foreach (var e in report.Experiments)
        {
            html.Append(Html.Row(e.Experiment, e.Dataset, Html.Number(e.Knee, "0.#"), "x" + Html.Number(e.StepFactor, "0.00")));
        }
        html.Append("</table></section>\n<script>").Append(ReportDocument.DrawScript).Append("</script>\n</body></html>\n");
        return html.ToString();
    }
}

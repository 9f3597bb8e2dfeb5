using System.Globalization;
using System.Text.Json.Nodes;
using CapacityGrid.Analysis.Capacity.Law;

namespace CapacityGrid.Client.Report.Figures;

/// <summary>
/// One fit of the capacity law: each experiment's knee against its dataset estimate (log-log), the fitted power law
/// across them, and where the law fitted on the other experiments put each knee (its leave-one-out prediction).
/// </summary>
public static class LawFigure
{
    /// <summary>Element id of the plot of <paramref name="estimate"/>: <c>plot-law-</c> and the name in kebab case (mecMax: plot-law-mec-max).</summary>
    public static string Id(string estimate) =>
        "plot-law-" + string.Concat(estimate.Select(ch => char.IsUpper(ch) ? "-" + char.ToLowerInvariant(ch) : ch.ToString()));

    /// <summary>The section of <paramref name="fit"/>, or its reason when no law was fitted.</summary>
    public static PlotSection Build(LawFit fit, string capacity)
    {
        var title = $"Knee {capacity} against {fit.Estimate}";
        var caption = fit.Coefficient is { } c && fit.Exponent is { } b
            ? string.Create(CultureInfo.InvariantCulture,
                $"Each experiment's knee (dots) against its dataset's {fit.Estimate} (log-log), the law {c:G3} x {fit.Estimate}^{b:0.000} fitted on all of them (line, R² {fit.RSquared:0.000}), and where the law fitted without an experiment put its knee (crosses): {fit.MeanLeaveOneOutSteps:0.00} grid steps off on average, {fit.MaxLeaveOneOutSteps:0.00} at worst.")
            : $"Each experiment's knee against its dataset's {fit.Estimate}.";
        if (fit.Coefficient is null || fit.Residuals.Count == 0)
        {
            return PlotSection.Without(Id(fit.Estimate), title, caption, $"No law: {fit.Reason ?? "no leave-one-out prediction"}.");
        }
        var residuals = fit.Residuals;
        var low = residuals.Min(r => r.Estimate);
        var high = residuals.Max(r => r.Estimate);
        var line = Enumerable.Range(0, 25).Select(i => low * Math.Pow(high / low, i / 24.0)).ToList();
        var traces = new List<JsonObject>
        {
            new()
            {
                ["type"] = "scatter", ["mode"] = "lines", ["name"] = "law fitted on all",
                ["x"] = Plot.Numbers(line), ["y"] = Plot.Numbers(line.Select(fit.Predict)),
                ["line"] = new JsonObject { ["color"] = "#7f7f7f", ["dash"] = "dash" },
            },
            new()
            {
                ["type"] = "scatter", ["mode"] = "markers+text", ["name"] = "knee",
                ["x"] = Plot.Numbers(residuals.Select(r => r.Estimate)), ["y"] = Plot.Numbers(residuals.Select(r => r.Knee)),
                ["text"] = Plot.Strings(residuals.Select(r => r.Experiment)), ["textposition"] = "top center",
                ["marker"] = new JsonObject { ["size"] = 9, ["color"] = "#1f77b4" },
            },
            new()
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = "predicted without it",
                ["x"] = Plot.Numbers(residuals.Select(r => r.Estimate)), ["y"] = Plot.Numbers(residuals.Select(r => r.Predicted)),
                ["text"] = Plot.Strings(residuals.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Experiment}: {r.Steps:0.00} grid steps off"))),
                ["marker"] = new JsonObject { ["size"] = 9, ["symbol"] = "x", ["color"] = "#d62728" },
            },
        };
        var logY = new JsonObject
        {
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = $"knee {capacity} (log scale)" }, ["type"] = "log", ["automargin"] = true },
        };
        return new PlotSection(Id(fit.Estimate), title, caption, Plot.Figure(traces, $"{fit.Estimate} (log scale)", $"knee {capacity}", logX: true, extraLayout: logY));
    }
}

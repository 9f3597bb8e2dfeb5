using System.Globalization;
using System.Text;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Report;

/// <summary>The analysis as HTML: the knee and its capacity ratios, the per-layer verdicts, the recommendation and notes.</summary>
internal static class AnalysisSection
{
    /// <summary>The knee, with each capacity measure over each dataset estimate.</summary>
    public static string Knee(CapacityAnalysis? analysis)
    {
        if (analysis?.Knee is not { } knee)
        {
            return Missing(analysis is null ? "This map carries no analysis yet, so there is no knee." : "The analysis found no knee (too few finished configurations).");
        }
        var c = knee.Configuration;
        var html = new StringBuilder($"<p>Knee: <strong>{Html.Text(c.Key)}</strong> ({c.ParameterCount} parameters, mean test accuracy {Html.Number(c.MeanTestAccuracy, "0.0000")} over {c.Seeds} seed{(c.Seeds == 1 ? "" : "s")}), " +
            $"within {Html.Number(knee.Tolerance * 100, "0.0#")} pp of the best mean {Html.Number(knee.BestMeanTestAccuracy, "0.0000")}.</p>");
        if (knee.Ratios.Count > 0)
        {
            html.Append("<table class=\"ratios\">").Append(Html.Header("capacity", "value", "dataset estimate", "dataset bits", "ratio"));
            foreach (var r in knee.Ratios)
            {
                html.Append(Html.Row(r.Capacity, Html.Number(r.CapacityValue, "0.#"), r.DatasetEstimate, Html.Number(r.DatasetBits, "0.#"), Html.Number(r.Ratio, "0.###")));
            }
            html.Append("</table>");
        }
        return html.ToString();
    }

    /// <summary>The verdicts table, each with its evidence, numbers, points and validity.</summary>
    public static string Verdicts(CapacityAnalysis? analysis)
    {
        if (analysis is null)
        {
            return Missing("This map carries no analysis yet, so there are no verdicts.");
        }
        if (analysis.Verdicts.Count == 0)
        {
            return "<p>No layer was found to be a bottleneck or over-sized.</p>";
        }
        var html = new StringBuilder("<table class=\"verdicts\">").Append(Html.Header("configuration", "layer", "verdict", "evidence", "numbers", "points", "valid"));
        foreach (var v in analysis.Verdicts)
        {
            var numbers = string.Join(", ", v.Numbers.Select(n => $"{n.Key} = {n.Value.ToString("0.####", CultureInfo.InvariantCulture)}"));
            var valid = v.Valid ? "yes" : $"no: {v.ValidityNote}";
            html.Append($"<tr class=\"verdict {(v.Valid ? "valid" : "thin")}\"><td>{Html.Text(v.Configuration)}</td><td>{Html.Text($"{v.Layer} (#{v.LayerIndex + 1})")}</td>" +
                $"<td>{Html.Text(v.Kind)}</td><td>{Html.Text(v.Evidence)}</td><td>{Html.Text(numbers)}</td><td>{Html.Text(string.Join(", ", v.PointIds))}</td><td>{Html.Text(valid)}</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>The recommended shape and the analysis's notes.</summary>
    public static string Recommendation(CapacityAnalysis? analysis)
    {
        if (analysis is null)
        {
            return Missing("This map carries no analysis yet, so there is no recommendation.");
        }
        var html = new StringBuilder();
        html.Append(analysis.Recommendation is { } r
            ? $"<p class=\"recommendation\">Recommended hidden widths: <strong>{Html.Text(string.Join('-', r.HiddenWidths))}</strong> ({r.ParameterCount} parameters; source: {Html.Text(r.Source)}). {Html.Text(r.Evidence)}</p>"
            : Missing("The analysis makes no recommendation yet."));
        if (analysis.Notes.Count > 0)
        {
            html.Append("<ul class=\"notes\">").Append(string.Concat(analysis.Notes.Select(n => $"<li>{Html.Text(n)}</li>"))).Append("</ul>");
        }
        return html.ToString();
    }

    private static string Missing(string why) => $"<p class=\"missing\">{Html.Text(why)}</p>";
}

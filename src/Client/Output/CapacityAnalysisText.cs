using System.Globalization;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Output;

/// <summary>Renders a capacity map's analysis as text: the knee, its capacity ratios, the recommendation and the verdicts.</summary>
public static class CapacityAnalysisText
{
    /// <summary>Verdicts printed at most; the rest are in the JSON.</summary>
    public const int MaxVerdicts = 8;

    /// <summary>
    /// One line for a running experiment, e.g. <c>knee so far: 16-16 (1,348 params), mean test acc 0.7894 ± 0.0027 over 2 seeds;
    /// best 0.7912; 7 of 10 configurations with results</c>; null while there is no knee.
    /// </summary>
    public static string? LiveKnee(CapacityAnalysis? analysis)
    {
        if (analysis?.Knee is not { } knee)
        {
            return null;
        }
        var c = knee.Configuration;
        return $"knee so far: {c.Key} ({Str(c.ParameterCount)} params), mean test acc {F(c.MeanTestAccuracy, "0.0000")} ± {F(c.StdTestAccuracy, "0.0000")} " +
            $"over {c.Seeds} seed{(c.Seeds == 1 ? "" : "s")}; best {F(knee.BestMeanTestAccuracy, "0.0000")}; {analysis.Configurations.Count} configuration{(analysis.Configurations.Count == 1 ? "" : "s")} with results";
    }

    /// <summary>The analysis lines (none when there is no analysis).</summary>
    public static IReadOnlyList<string> Lines(CapacityAnalysis? analysis)
    {
        if (analysis is null)
        {
            return [];
        }
        var lines = new List<string>();
        if (analysis.Knee is { } knee)
        {
            var c = knee.Configuration;
            lines.Add($"knee: {c.Key} ({Str(c.ParameterCount)} params), mean test acc {F(c.MeanTestAccuracy, "0.0000")} ± {F(c.StdTestAccuracy, "0.0000")} over {c.Seeds} seed{(c.Seeds == 1 ? "" : "s")}, " +
                $"within {F(knee.Tolerance * 100, "0.0")} pp of the best {F(knee.BestMeanTestAccuracy, "0.0000")}");
            var widest = analysis.Configurations.Max(x => x.HiddenWidths.DefaultIfEmpty(0).Max());
            if (c.HiddenWidths.Length > 0 && c.HiddenWidths.Max() == widest && analysis.Configurations.Count > 1)
            {
                // A knee on the grid's edge only says "at least this wide": wider points might still gain.
                lines.Add($"caution: the knee is at the grid's largest width ({widest}); the grid may be too small, so add wider points to confirm it");
            }
            foreach (var capacity in knee.Ratios.GroupBy(r => r.Capacity))
            {
                lines.Add($"  {capacity.Key} {F(capacity.First().CapacityValue, "0")} = " +
                    string.Join(", ", capacity.Select(r => $"{F(r.Ratio, Format(r.Ratio))} x {r.DatasetEstimate}")));
            }
        }
        else
        {
            lines.Add("knee: none yet (no finished points)");
        }
        if (analysis.Recommendation is { } rec)
        {
            lines.Add($"recommended shape ({rec.Source}): {string.Join('-', rec.HiddenWidths)}, {Str(rec.ParameterCount)} params");
        }
        var verdicts = analysis.Verdicts;
        lines.Add(verdicts.Count == 0 ? "verdicts: none" : $"verdicts ({verdicts.Count(v => v.Valid)} valid of {verdicts.Count}):");
        foreach (var v in verdicts.Take(MaxVerdicts))
        {
            lines.Add($"  {v.Evidence}{(v.Valid ? "" : " [thin evidence: " + v.ValidityNote + "]")}");
        }
        if (verdicts.Count > MaxVerdicts)
        {
            lines.Add($"  ... {verdicts.Count - MaxVerdicts} more in capacity-map.json (analysis.verdicts)");
        }
        return lines;
    }

    private static string Format(double ratio) => Math.Abs(ratio) >= 100 ? "0" : Math.Abs(ratio) >= 1 ? "0.0" : "0.000";

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}

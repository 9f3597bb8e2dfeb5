using System.Globalization;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Client.Output;

/// <summary>Renders a capacity map as a plain-text table.</summary>
public static class CapacityMapTable
{
    private static readonly string[] Headers = ["hidden", "depth", "seed", "params", "arch bits", "weight bits", "train acc", "test acc", "test loss", "status"];

    /// <summary>The dataset lines, one row per point, then the analysis (knee, ratios, recommendation, verdicts).</summary>
    public static string Render(CapacityMap map)
    {
        var d = map.Dataset;
        var rows = map.Points.Select(p => new[]
        {
            string.Join('-', p.HiddenWidths),
            Str(p.Depth),
            Str(p.Seed),
            Str(p.ParameterCount),
            Fixed(p.ArchitectureCapacityBits, "0"),
            Fixed(p.WeightEntropyBits, "0"),
            Fixed(p.TrainAccuracy, "0.0000"),
            Fixed(p.TestAccuracy, "0.0000"),
            Fixed(p.TestLoss, "0.0000"),
            p.Error is null ? p.Status.Name() : $"{p.Status.Name()}: {p.Error}",
        }).ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var lines = new List<string>
        {
            $"experiment {map.ExperimentId} ({map.Name})",
            $"dataset: {d.Description}; {d.TrainSamples} train / {d.ValidationSamples} validation / {d.TestSamples} test samples, {d.Features} features, {d.Classes} classes, label entropy {d.LabelEntropyBits.ToString("0.0000", CultureInfo.InvariantCulture)} bits",
            DatasetLine(map),
            "",
            Line(Headers, widths),
            Line(widths.Select(w => new string('-', w)).ToArray(), widths),
        };
        lines.AddRange(rows.Select(r => Line(r, widths)));
        if (map.Analysis is not null)
        {
            lines.Add("");
            lines.AddRange(CapacityAnalysisText.Lines(map.Analysis));
        }
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static string DatasetLine(CapacityMap map)
    {
        if (map.DatasetMeasures?.Measures is not { } m)
        {
            return "dataset measures: " + (map.DatasetMeasures?.Error is { } error ? $"failed: {error}" : "not computed");
        }
        return $"dataset measures: best compression {Number(m.CompressedBitsPerSample.Best, "0.0")} bits/sample ({m.CompressedBitsPerSample.BestCompressor}), " +
            $"intrinsic dimension {Number(m.IntrinsicDimension.TwoNN, "0.0")} (TwoNN) / {Number(m.IntrinsicDimension.Mle, "0.0")} (MLE), " +
            $"MEC estimate {Number(m.Mec.EstimateBits, "0")} bits";
    }

    private static string Number(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i < 1 || i == cells.Length - 1 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}

using System.Globalization;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Output;

/// <summary>Renders a capacity map as a plain-text table.</summary>
public static class CapacityMapTable
{
    private static readonly string[] Headers = ["hidden", "depth", "seed", "params", "train acc", "test acc", "test loss", "weight bits", "status"];

    /// <summary>The dataset line and one row per point.</summary>
    public static string Render(CapacityMap map)
    {
        var d = map.Dataset;
        var rows = map.Points.Select(p => new[]
        {
            string.Join('-', p.HiddenWidths),
            Str(p.Depth),
            Str(p.Seed),
            Str(p.ParameterCount),
            Fixed(p.TrainAccuracy, "0.0000"),
            Fixed(p.TestAccuracy, "0.0000"),
            Fixed(p.TestLoss, "0.0000"),
            Fixed(p.WeightEntropyBits, "0"),
            p.Error is null ? p.Status : $"{p.Status}: {p.Error}",
        }).ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var lines = new List<string>
        {
            $"experiment {map.ExperimentId} ({map.Name})",
            $"dataset: {d.Description}; {d.TrainSamples} train / {d.TestSamples} test samples, {d.Features} features, {d.Classes} classes, label entropy {d.LabelEntropyBits.ToString("0.0000", CultureInfo.InvariantCulture)} bits",
            "",
            Line(Headers, widths),
            Line(widths.Select(w => new string('-', w)).ToArray(), widths),
        };
        lines.AddRange(rows.Select(r => Line(r, widths)));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i < 1 || i == cells.Length - 1 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}

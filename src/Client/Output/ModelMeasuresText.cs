using System.Globalization;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Measures.Pruning;
using CapacityGrid.Client.Cli.Measure;

namespace CapacityGrid.Client.Output;

/// <summary>
/// Renders the measures of a model as short tables: one row per layer for the weights (and for the probe and the
/// pruning curve when present), totals, and the reasons behind every '-'.
/// </summary>
public static class ModelMeasuresText
{
    private static readonly string[] WeightHeaders = ["layer", "shape (out x in)", "params", "entropy bits/weight", "stable rank", "effective rank", "alpha", "capacity bits"];
    private static readonly string[] ProbeHeaders = ["layer", "width", "saturation", "saturation dim", "TwoNN dim", "Rényi I(X;T) bits", "Rényi I(T;Y) bits"];
    private static readonly string[] PruningHeaders = ["fraction", "pruned weights", "test acc", "fine-tuned acc"];

    /// <summary>The checkpoint line, the weight table with totals, and the probe and pruning tables when measured.</summary>
    public static string Render(ModelMeasures m)
    {
        var w = m.Weights;
        var capacity = w.Capacity;
        var lines = new List<string>
        {
            $"checkpoint {m.Checkpoint}: model {m.Model}, epoch {m.Epoch}, {w.ParameterCount} parameters",
            $"train accuracy {Num(m.Metrics.TrainAccuracy, "0.0000")}, test accuracy {Num(m.Metrics.TestAccuracy, "0.0000")}, test loss {Num(m.Metrics.TestLoss, "0.0000")}",
            "",
        };
        var rows = w.Layers.Select((l, i) => new[]
        {
            l.Name,
            $"{l.Rows}x{l.Cols}",
            Str(l.ParameterCount),
            Num(l.EntropyBitsPerWeight, "0.000"),
            Num(l.StableRank, "0.00"),
            Num(l.EffectiveRank, "0.00"),
            Num(l.Alpha, "0.00"),
            capacity is null ? "-" : Str(capacity.Layers[i].CappedBits),
        }).ToList();
        rows.Add(["total", "", Str(w.ParameterCount), Num(w.EntropyBitsPerWeight, "0.000"), "", "", "", capacity is null ? "-" : Str(capacity.TotalBits)]);
        lines.AddRange(Table(WeightHeaders, rows));
        lines.Add($"weight entropy {Num(w.EntropyBits, "0")} bits, compressed {Str(w.CompressedBits)} bits ({Num(w.CompressedBitsPerWeight, "0.000")} bits/weight)");
        lines.AddRange(Reasons("alpha", w.Layers.Select(l => (l.Name, l.AlphaNote))));
        lines.AddRange(Reasons("ranks", w.Layers.Select(l => (l.Name, l.RankNote))));
        if (w.CapacityNote is { } note)
        {
            lines.Add($"capacity -: {note}");
        }
        if (m.Probe is { } probe)
        {
            lines.Add("");
            lines.AddRange(Probe(probe, m.Data));
        }
        if (m.Pruning is { } pruning)
        {
            lines.Add("");
            lines.AddRange(Pruning(pruning));
        }
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static IEnumerable<string> Probe(ProbeReport probe, string? data)
    {
        yield return $"layer probe on {data}: {probe.Samples} samples";
        if (probe.Layers.Count == 0)
        {
            yield return "no hidden layers to probe";
            yield break;
        }
        var rows = probe.Layers.Select(l => new[]
        {
            l.Name,
            Str(l.Width),
            Num(l.Saturation, "0.000"),
            l.SaturationDimension is { } d ? Str(d) : "-",
            Num(l.TwoNNDimension, "0.0"),
            Num(l.RenyiInputBits, "0.00"),
            Num(l.RenyiLabelBits, "0.00"),
        });
        foreach (var line in Table(ProbeHeaders, rows))
        {
            yield return line;
        }
        foreach (var line in Reasons("saturation", probe.Layers.Select(l => (l.Name, l.SaturationReason)))
            .Concat(Reasons("TwoNN dim", probe.Layers.Select(l => (l.Name, l.TwoNNReason))))
            .Concat(Reasons("Rényi", probe.Layers.Select(l => (l.Name, l.RenyiReason)))))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> Pruning(PruningReport p)
    {
        var tuned = p.RemovableFractionFineTuned is { } t ? $", {Num(t, "0.00")} with the fine-tune" : "";
        yield return $"magnitude pruning: baseline test accuracy {Num(p.BaselineAccuracy, "0.0000")}; removable within {Num(p.Tolerance * 100, "0.0")} points: {Num(p.RemovableFraction, "0.00")} of the weights{tuned}";
        var rows = p.Points.Select(x => new[] { Num(x.Fraction, "0.00"), Str(x.PrunedWeights), Num(x.TestAccuracy, "0.0000"), Num(x.FineTunedAccuracy, "0.0000") });
        foreach (var line in Table(PruningHeaders, rows))
        {
            yield return line;
        }
    }

    // One line per distinct reason, naming the layers it applies to.
    private static IEnumerable<string> Reasons(string measure, IEnumerable<(string Layer, string? Reason)> notes) =>
        notes.Where(n => n.Reason is not null)
            .GroupBy(n => n.Reason!, StringComparer.Ordinal)
            .Select(g => $"{measure} -: {string.Join(", ", g.Select(n => n.Layer))}: {g.Key}");

    private static IEnumerable<string> Table(string[] headers, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => all.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        yield return Line(headers, widths);
        yield return Line([.. widths.Select(n => new string('-', n))], widths);
        foreach (var row in all)
        {
            yield return Line(row, widths);
        }
    }

    // The first column (names) left-aligned, numbers right-aligned.
    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}

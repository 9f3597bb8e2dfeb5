using System.Globalization;
using CapacityGrid.Analysis.Measures.Dataset;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// The dataset information estimates the knee's capacity is set against, read from its
/// <see cref="DatasetMeasures"/>. Every estimate is for the dataset as measured
/// (its <c>samples</c> rows): per-sample measures are multiplied by the sample count.
/// </summary>
public static class DatasetEstimates
{
    /// <summary>The names of the estimates, in the order they are reported.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["labelEntropy", "compression", "mecEstimate", "mecMax", "mecDictionary", "ksgMutualInformation", "prequential"];

    /// <summary>
    /// Every estimate of <see cref="Names"/>; an absent one has null bits and says why. No measures: all absent, for
    /// <paramref name="error"/> when computing them failed, else because they are not computed yet.
    /// </summary>
    public static IReadOnlyList<DatasetEstimate> FromMeasures(DatasetMeasures? measures, string? error = null)
    {
        if (measures is null)
        {
            var why = error is null ? "the dataset measures are not computed yet" : $"the dataset measures failed: {error}";
            return [.. Names.Select(n => new DatasetEstimate(n, null, why))];
        }
        // Measures read back from storage may predate a part (null then, whatever the record says).
        var (mec, mi, prequential) = (measures.Mec, measures.MutualInformation, measures.Prequential);
        var n = (double)measures.Samples;
        var rows = n.ToString("0", CultureInfo.InvariantCulture);
        return
        [
            PerSample("labelEntropy", Finite(measures.LabelEntropyBits), n, $"H(Y) x {rows} samples: the labels' information"),
            PerSample("compression", Finite(measures.CompressedBitsPerSample?.Best), n, $"best lossless compression of the quantized features x {rows} samples: an upper bound on the inputs' information"),
            Total("mecEstimate", Finite(mec?.EstimateBits), mec?.Reason, $"memory-equivalent capacity estimate over {rows} samples"),
            Total("mecMax", Finite(mec?.MaxBits), mec?.Reason, $"memory-equivalent capacity upper bound over {rows} samples"),
            Total("mecDictionary", Finite(mec?.DictionaryBits), mec?.Reason, $"n log2 K over {rows} samples: a lookup table of the labels"),
            PerSample("ksgMutualInformation", Finite(mi?.KsgBits), n, $"KSG I(X;Y) x {rows} samples", mi?.KsgReason),
            Total("prequential", Finite(prequential?.Bits), prequential?.Reason ?? "the dataset measures have no prequential code length (measured before it was added)",
                $"prequential code length of the labels over {rows} samples ({prequential?.Learner})"),
        ];
    }

    private static DatasetEstimate PerSample(string name, double? perSample, double samples, string note, string? reason = null) =>
        perSample is { } v ? new DatasetEstimate(name, v * samples, note) : new DatasetEstimate(name, null, reason ?? "not in the dataset measures");

    private static DatasetEstimate Total(string name, double? bits, string? reason, string note) =>
        bits is { } v ? new DatasetEstimate(name, v, note) : new DatasetEstimate(name, null, reason ?? "not in the dataset measures");

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>The rows the dataset measures describe (every estimate is over them), or null.</summary>
    public static double? SampleCount(DatasetMeasures? measures) => measures?.Samples;

    /// <summary>The dataset's TwoNN intrinsic dimension (the first hidden layer's input dimension), or null.</summary>
    public static double? IntrinsicDimension(DatasetMeasures? measures) =>
        Finite(measures?.IntrinsicDimension?.TwoNN);
}

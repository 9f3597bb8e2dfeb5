using System.Globalization;
using CapacityGrid.Analysis.Measures.Dataset;

namespace CapacityGrid.Client.Output;

/// <summary>Renders dataset measures as aligned lines, a null shown with its reason.</summary>
public static class DatasetMeasuresText
{
    /// <summary>One line per measure.</summary>
    public static string Render(DatasetMeasures m)
    {
        var c = m.CompressedBitsPerSample;
        var rows = new (string Name, double? Value, string? Note)[]
        {
            ("samples", m.Samples, null),
            ("features", m.Features, null),
            ("classes", m.Classes, null),
            ("label entropy (bits)", m.LabelEntropyBits, null),
            ("feature entropy (bits/sample)", m.FeatureEntropyBitsPerSample, null),
            ("deflate (bits/sample)", c.Deflate, null),
            ("brotli (bits/sample)", c.Brotli, null),
            ("zstd (bits/sample)", c.Zstd, null),
            ("best compression (bits/sample)", c.Best, c.BestCompressor),
            ("intrinsic dimension, TwoNN", m.IntrinsicDimension.TwoNN, m.IntrinsicDimension.TwoNNReason),
            ("intrinsic dimension, MLE", m.IntrinsicDimension.Mle, m.IntrinsicDimension.MleReason),
            ("MEC estimate (bits)", m.Mec.EstimateBits, m.Mec.Reason),
            ("MEC upper bound (bits)", m.Mec.MaxBits, m.Mec.Reason),
            ("mutual information, KSG (bits)", m.MutualInformation.KsgBits, m.MutualInformation.KsgReason),
            ("prequential code length (bits)", m.Prequential.Bits, m.Prequential.Reason ?? $"uniform code {m.Prequential.UniformBits:0}; {m.Prequential.Learner}"),
        };
        var width = rows.Max(r => r.Name.Length);
        return string.Concat(rows.Select(r =>
            $"{r.Name.PadRight(width)}  {(r.Value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-")}{(r.Note is null ? "" : $"  ({r.Note})")}{Environment.NewLine}"));
    }
}

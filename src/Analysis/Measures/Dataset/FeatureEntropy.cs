using CapacityGrid.Analysis.Data;

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Feature entropy (MEASURES.md, "Dataset"): Σ_j H(x_j) over the features, each quantized to a fixed
/// number of uniform levels on its own [min, max]. By subadditivity of Shannon entropy (Shannon 1948,
/// Cover and Thomas, "Elements of Information Theory", Thm 2.6.6) it bounds the joint entropy of
/// the quantized sample from above. Bits per sample; a constant feature contributes 0.
/// </summary>
public static class FeatureEntropy
{
    /// <summary>The default number of levels: 256, so 8-bit pixels map one value to one level.</summary>
    public const int DefaultLevels = 256;

    /// <summary>Σ_j H(x_j) in bits per sample, features quantized to <paramref name="levels"/> levels.</summary>
    /// <exception cref="ArgumentException">A feature value is NaN or infinite, or the shape is inconsistent.</exception>
    public static double BitsPerSample(TabularData data, int levels = DefaultLevels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 2);
        data.Validated();
        var ranges = ColumnRanges.Of(data);
        var d = data.FeatureCount;
        // One pass over the rows, row-major as stored; counts for all features side by side.
        var counts = new long[checked(d * levels)];
        for (var i = 0; i < data.Samples; i++)
        {
            var row = data.Row(i);
            for (var j = 0; j < d; j++)
            {
                counts[j * levels + ranges.Level(j, row[j], levels)]++;
            }
        }
        var bits = 0.0;
        for (var j = 0; j < d; j++)
        {
            bits += Entropy.Bits(counts.AsSpan(j * levels, levels), data.Samples);
        }
        return bits;
    }
}

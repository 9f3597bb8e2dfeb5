namespace CapacityGrid.Analysis.Measures.Layers;

/// <summary>
/// Binned mutual information of a layer with its input and the labels (Shwartz-Ziv &amp; Tishby, "Opening the
/// black box of deep neural networks via information", 2017): every activation is put in one of equal-width
/// bins over [lower, upper], each row's bin indices form a pattern T, and entropies are taken over patterns.
/// </summary>
/// <remarks>
/// <para>Only meaningful for bounded activations (tanh: the default [-1, 1], 30 bins). For ReLU the numbers
/// mostly reflect the bin size (Saxe et al., "On the information bottleneck theory of deep learning", 2018).</para>
/// <para>Bins: b = ⌊(v - lower) / (upper - lower) · bins⌋, clamped to [0, bins - 1], so values outside the range
/// join the end bins and the upper end is in the last bin. Shwartz-Ziv's code digitizes against
/// linspace(lower, upper, bins) edges instead (bins - 1 intervals plus the exact upper end); counts can differ
/// by that one bin.</para>
/// </remarks>
public static class BinnedMutualInformation
{
    /// <summary>Shwartz-Ziv &amp; Tishby's bin count.</summary>
    public const int DefaultBins = 30;

    /// <summary>
    /// I(X;T) and I(T;Y) for <paramref name="samples"/> rows of activations (row-major, samples x width) with
    /// one label in [0, <paramref name="classes"/>) per row. At most 256 bins, one byte per unit in a pattern.
    /// </summary>
    public static BinnedInformation Of(
        ReadOnlySpan<float> activations,
        int samples,
        ReadOnlySpan<int> labels,
        int classes,
        int bins = DefaultBins,
        double lower = -1,
        double upper = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (!(upper > lower))
        {
            throw new ArgumentException($"the bin range [{lower}, {upper}] is empty");
        }
        if (activations.Length == 0 || activations.Length % samples != 0)
        {
            throw new ArgumentException($"{activations.Length} activations are not {samples} rows", nameof(activations));
        }
        if (labels.Length != samples)
        {
            throw new ArgumentException($"{labels.Length} labels for {samples} rows", nameof(labels));
        }
        var width = activations.Length / samples;

        var ids = new Dictionary<byte[], int>(ByteArrayComparer.Instance);
        var patternCounts = new List<long>();
        var perLabel = new Dictionary<int, long>[classes];
        var labelCounts = new long[classes];
        var scale = bins / (upper - lower);
        for (var i = 0; i < samples; i++)
        {
            var y = labels[i];
            if ((uint)y >= (uint)classes)
            {
                throw new ArgumentException($"label {y} of row {i} is outside [0, {classes})", nameof(labels));
            }
            var key = new byte[width];
            for (var u = 0; u < width; u++)
            {
                var v = activations[i * width + u];
                if (float.IsNaN(v))
                {
                    throw new ArgumentException($"activation {u} of row {i} is NaN", nameof(activations));
                }
                key[u] = (byte)Math.Clamp((int)Math.Floor((v - lower) * scale), 0, bins - 1);
            }
            if (!ids.TryGetValue(key, out var id))
            {
                id = ids.Count;
                ids.Add(key, id);
                patternCounts.Add(0);
            }
            patternCounts[id]++;
            labelCounts[y]++;
            var counts = perLabel[y] ??= [];
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var ht = Entropy.Bits(patternCounts.ToArray(), samples);
        var htGivenY = 0.0;
        for (var y = 0; y < classes; y++)
        {
            if (labelCounts[y] > 0)
            {
                htGivenY += (double)labelCounts[y] / samples * Entropy.Bits(perLabel[y].Values.ToArray(), labelCounts[y]);
            }
        }
        // H(T|Y) ≤ H(T) holds exactly; clamp away the last-digit rounding.
        return new BinnedInformation(ht, Math.Max(ht - htGivenY, 0), ids.Count, samples);
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}

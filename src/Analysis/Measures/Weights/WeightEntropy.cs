namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// Shannon entropy of weights quantized into uniform bins over each layer's [min, max]
/// (MEASURES.md, "weight entropy"): bits per weight, and bits for the layer.
/// </summary>
public static class WeightEntropy
{
    /// <summary>The default number of quantization levels: 8-bit.</summary>
    public const int DefaultBins = 256;

    /// <summary>Entropy in bits per value of <paramref name="values"/> quantized to <paramref name="bins"/> levels.</summary>
    public static double BitsPerWeight(ReadOnlySpan<float> values, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (values.IsEmpty)
        {
            return 0;
        }
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                throw new ArgumentException("weights contain NaN or infinity", nameof(values));
            }
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (max <= min)
        {
            return 0;
        }
        var counts = new long[bins];
        var scale = bins / ((double)max - min);
        foreach (var v in values)
        {
            var b = (int)((v - (double)min) * scale);
            counts[Math.Min(b, bins - 1)]++;
        }
        return Entropy.Bits(counts, values.Length);
    }

    /// <summary>Entropy of the quantized weights times their count: bits the layer's weights hold at this resolution.</summary>
    public static double TotalBits(WeightMatrix layer, int bins = DefaultBins) =>
        BitsPerWeight(layer.Values, bins) * layer.Values.Length;
}

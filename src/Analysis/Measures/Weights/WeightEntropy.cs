namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// Shannon entropy of weights quantized into uniform bins over each layer's [min, max]
/// (MEASURES.md, "weight entropy"): bits per weight, and bits for the layer.
/// </summary>
public static class WeightEntropy
{
    /// <summary>The default number of quantization levels: 8-bit.</summary>
    public const int DefaultBins = 256;

    /// <summary>
    /// The bin, in [0, <paramref name="bins"/>), of each value: bins of equal width over the values' [min, max],
    /// the maximum in the last bin. Constant values all fall in bin 0.
    /// </summary>
    public static int[] Quantize(ReadOnlySpan<float> values, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var codes = new int[values.Length];
        if (values.IsEmpty)
        {
            return codes;
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
            return codes;
        }
        var scale = bins / ((double)max - min);
        for (var i = 0; i < values.Length; i++)
        {
            var b = (int)((values[i] - (double)min) * scale);
            codes[i] = Math.Min(b, bins - 1);
        }
        return codes;
    }

    /// <summary>Entropy in bits per value of <paramref name="values"/> quantized to <paramref name="bins"/> levels.</summary>
    public static double BitsPerWeight(ReadOnlySpan<float> values, int bins = DefaultBins)
    {
        var codes = Quantize(values, bins);
        var counts = new long[bins];
        foreach (var b in codes)
        {
            counts[b]++;
        }
        return Entropy.Bits(counts, codes.Length);
    }

    /// <summary>Entropy of the quantized weights times their count: bits the layer's weights hold at this resolution.</summary>
    public static double TotalBits(WeightMatrix layer, int bins = DefaultBins) =>
        BitsPerWeight(layer.Values, bins) * layer.Values.Length;
}

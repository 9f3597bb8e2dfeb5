namespace CapacityGrid.Analysis.Measures;

/// <summary>Shannon entropy of discrete counts, in bits.</summary>
public static class Entropy
{
    /// <summary>-Σ p log2 p over <paramref name="counts"/>, with p = count / <paramref name="total"/>; empty bins add nothing.</summary>
    public static double Bits(ReadOnlySpan<long> counts, long total)
    {
        if (total <= 0)
        {
            return 0;
        }
        var h = 0.0;
        foreach (var c in counts)
        {
            if (c > 0)
            {
                var p = (double)c / total;
                h -= p * Math.Log2(p);
            }
        }
        return h;
    }

    /// <summary>Entropy of class labels in [0, <paramref name="classes"/>), in bits.</summary>
    public static double LabelBits(ReadOnlySpan<int> labels, int classes)
    {
        var counts = new long[classes];
        foreach (var y in labels)
        {
            counts[y]++;
        }
        return Bits(counts, labels.Length);
    }
}

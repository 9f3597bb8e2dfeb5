using CapacityGrid.Analysis.Numerics;

namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// The squared singular values λ = σ² of a weight matrix, and the rank measures built on them
/// (MEASURES.md, "stable rank", "effective rank").
/// </summary>
public static class WeightSpectrum
{
    /// <summary>
    /// λ_i = σ_i² of W, descending, min(rows, cols) of them: eigenvalues of W Wᵀ or Wᵀ W, whichever is
    /// smaller, accumulated in float64. No 1/N scaling (the WeightWatcher convention). Rounding can leave
    /// zero eigenvalues at about -1e-16·λ_max; they are clipped to 0.
    /// </summary>
    public static double[] Eigenvalues(WeightMatrix w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Validated();
        // Rows of x are the rows of W when W Wᵀ is the smaller product, else its columns.
        var byRows = w.Rows <= w.Cols;
        var n = byRows ? w.Rows : w.Cols;
        var length = byRows ? w.Cols : w.Rows;
        var x = new double[(long)n * length];
        for (var r = 0; r < w.Rows; r++)
        {
            for (var c = 0; c < w.Cols; c++)
            {
                var index = byRows ? r * length + c : c * length + r;
                x[index] = w.Values[r * w.Cols + c];
            }
        }
        var gram = new double[(long)n * n];
        SymmetricProducts.AddUpper(x, n, length, gram);
        SymmetricProducts.MirrorUpper(gram, n);
        var values = SymmetricEigen.Eigenvalues(gram, n);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Max(values[i], 0);
        }
        return values;
    }

    /// <summary>
    /// Stable rank Σλ / λ_max = ‖W‖_F² / ‖W‖_2² (Rudelson &amp; Vershynin 2007): between 1 and the rank,
    /// insensitive to tiny singular values. Null for a zero matrix.
    /// </summary>
    /// <param name="eigenvalues">λ = σ², in any order.</param>
    public static double? StableRank(ReadOnlySpan<double> eigenvalues)
    {
        var max = 0.0;
        var sum = 0.0;
        foreach (var l in eigenvalues)
        {
            max = Math.Max(max, l);
            sum += Math.Max(l, 0);
        }
        return max > 0 ? sum / max : null;
    }

    /// <summary>
    /// Effective rank exp(-Σ p_k ln p_k) with p_k = σ_k / Σσ (Roy &amp; Vetterli, "The effective rank",
    /// EUSIPCO 2007). WeightWatcher's "matrix entropy" uses σ² instead: this is not that. Null for a zero matrix.
    /// </summary>
    /// <param name="eigenvalues">λ = σ², in any order; σ = √λ.</param>
    public static double? EffectiveRank(ReadOnlySpan<double> eigenvalues)
    {
        var total = 0.0;
        foreach (var l in eigenvalues)
        {
            total += Math.Sqrt(Math.Max(l, 0));
        }
        if (total <= 0)
        {
            return null;
        }
        var h = 0.0;
        foreach (var l in eigenvalues)
        {
            var p = Math.Sqrt(Math.Max(l, 0)) / total;
            if (p > 0)
            {
                h -= p * Math.Log(p);
            }
        }
        return Math.Exp(h);
    }
}

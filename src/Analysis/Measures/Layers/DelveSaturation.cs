namespace CapacityGrid.Analysis.Measures.Layers;

/// <summary>
/// Layer saturation as Delve computes it (Richter, Shenk, Byttner &amp; Arens, "Feature Space Saturation
/// during Training", 2021; delve-team/delve, delve/metrics.py, compute_intrinsic_dimensionality and
/// compute_saturation): the share of a layer's width needed to explain δ of its output variance.
/// </summary>
/// <remarks>
/// With eigenvalues λ of the covariance clipped at 0 and sorted descending, cum_k = (λ_1 + … + λ_k) / Σλ:
/// k0 = #{k : cum_k &lt; δ}; ID = 1 if k0 = 0; k0 + 1 if δ - cum_k0 &gt; 0.02; else k0. The last case means
/// a direction that would lift the explained share by less than 2 points is not counted: for k equal
/// directions Delve reports k only while k ≤ 33 (at δ = 0.99), and k - 1 for 34 ≤ k &lt; 100.
/// A layer with no variance at all has ID 1 (Delve's percentages are NaN there, so k0 = 0).
/// </remarks>
public static class DelveSaturation
{
    /// <summary>Delve's default δ.</summary>
    public const double DefaultDelta = 0.99;

    /// <summary>ID_δ of a spectrum (any order; negative values count as 0).</summary>
    public static int IntrinsicDimension(ReadOnlySpan<double> eigenvalues, double delta = DefaultDelta)
    {
        if (eigenvalues.IsEmpty)
        {
            throw new ArgumentException("no eigenvalues", nameof(eigenvalues));
        }
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delta, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delta, 1);
        var sorted = new double[eigenvalues.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = Math.Max(eigenvalues[i], 0);
        }
        Array.Sort(sorted, static (x, y) => y.CompareTo(x));
        var total = 0.0;
        foreach (var v in sorted)
        {
            total += v;
        }
        if (total <= 0)
        {
            return 1;
        }

        var k0 = 0;
        var cumulative = 0.0;
        var lastBelow = 0.0;
        foreach (var v in sorted)
        {
            cumulative += v;
            if (cumulative / total >= delta)
            {
                break;
            }
            lastBelow = cumulative / total;
            k0++;
        }
        if (k0 == 0)
        {
            return 1;
        }
        return delta - lastBelow > 0.02 ? Math.Min(k0 + 1, sorted.Length) : k0;
    }

    /// <summary>Saturation of the layer whose covariance <paramref name="accumulator"/> holds.</summary>
    public static LayerSaturation Of(CovarianceAccumulator accumulator, double delta = DefaultDelta)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        var id = IntrinsicDimension(accumulator.Eigenvalues(), delta);
        return new LayerSaturation(accumulator.Width, accumulator.Count, delta, id, (double)id / accumulator.Width);
    }
}

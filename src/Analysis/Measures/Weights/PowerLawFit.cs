namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// The WeightWatcher spectral power-law exponent α (Martin &amp; Mahoney, "Implicit self-regularization in
/// deep neural networks", JMLR 2021; "Predicting trends in the quality of state-of-the-art neural networks
/// without access to training or testing data", Nat. Commun. 2021), fitted as WeightWatcher's own WWFit
/// does: Clauset, Shalizi &amp; Newman (2009) maximum likelihood with xmin chosen by the KS distance.
/// </summary>
/// <remarks>
/// On the eigenvalues sorted ascending, for each candidate xmin = λ_j (all but the largest):
/// α_j = 1 + n_j / Σ_(i≥j) ln(λ_i/λ_j), n_j the tail size; D_j = max over the tail of
/// |1 - (λ_i/λ_j)^(1-α_j) - t/n_j|, t = 0..n_j-1 the position in the tail (WWFit's empirical CDF);
/// a tail that is all one value has no finite α and is skipped. The fit is the first j with the smallest D, σ_α = (α - 1)/√n_j.
/// Eigenvalues at or below <c>zeroThreshold</c> are dropped first (WeightWatcher's EVALS_THRESH = 1e-5).
/// </remarks>
public static class PowerLawFit
{
    /// <summary>Below this many eigenvalues α is reported but flagged invalid (WeightWatcher's min_evals).</summary>
    public const int DefaultMinEigenvalues = 50;

    /// <summary>Eigenvalues at or below this are treated as zero and left out (WeightWatcher's EVALS_THRESH).</summary>
    public const double DefaultZeroThreshold = 1e-5;

    /// <summary>Fits α to <paramref name="eigenvalues"/> (λ = σ², any order).</summary>
    public static PowerLawAlpha Fit(
        ReadOnlySpan<double> eigenvalues,
        int minEigenvalues = DefaultMinEigenvalues,
        double zeroThreshold = DefaultZeroThreshold)
    {
        var data = new List<double>(eigenvalues.Length);
        foreach (var l in eigenvalues)
        {
            if (!double.IsFinite(l))
            {
                throw new ArgumentException("eigenvalues contain NaN or infinity", nameof(eigenvalues));
            }
            if (l > zeroThreshold)
            {
                data.Add(l);
            }
        }
        data.Sort();
        var count = data.Count;
        var logs = data.ConvertAll(Math.Log);

        // Suffix sums of ln λ make each α_j O(1); the KS distance is O(n_j).
        var suffix = new double[count + 1];
        for (var i = count - 1; i >= 0; i--)
        {
            suffix[i] = suffix[i + 1] + logs[i];
        }
        var best = -1;
        var bestD = double.PositiveInfinity;
        var bestAlpha = 0.0;
        for (var j = 0; j < count - 1; j++)
        {
            var n = count - j;
            var logSum = suffix[j] - n * logs[j];
            if (logSum <= 0)
            {
                continue;   // the whole tail equals xmin: no finite α
            }
            var alpha = 1 + n / logSum;
            var d = KsDistance(logs, j, alpha);
            if (d < bestD)
            {
                (best, bestD, bestAlpha) = (j, d, alpha);
            }
        }

        if (best < 0)
        {
            return new PowerLawAlpha(null, null, null, 0, null, count,
                $"no power-law fit: {count} eigenvalues above {zeroThreshold} with fewer than two distinct values");
        }
        var tail = count - best;
        var reason = count < minEigenvalues
            ? $"only {count} eigenvalues above {zeroThreshold}; α needs at least {minEigenvalues}"
            : null;
        return new PowerLawAlpha(bestAlpha, (bestAlpha - 1) / Math.Sqrt(tail), data[best], tail, bestD, count, reason);
    }

    private static double KsDistance(List<double> logs, int j, double alpha)
    {
        var n = logs.Count - j;
        var d = 0.0;
        for (var t = 0; t < n; t++)
        {
            var fitted = 1 - Math.Exp((1 - alpha) * (logs[j + t] - logs[j]));
            d = Math.Max(d, Math.Abs(fitted - (double)t / n));
        }
        return d;
    }
}

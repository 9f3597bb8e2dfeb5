namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// TwoNN intrinsic dimension: Facco, d'Errico, Rodriguez and Laio, "Estimating the intrinsic dimension of
/// datasets by a minimal neighborhood information", Scientific Reports 7, 12140 (2017).
/// </summary>
/// <remarks>
/// Per point mu = r2 / r1, the ratio of the distances to its second and first neighbour, which follows
/// a Pareto law with exponent d wherever the density is locally constant. Points with r1 = 0 (duplicates) or r1 = r2 are
/// dropped, as MEASURES.md says; the rest are sorted by mu, given F_i = i / N, and d is the slope of the
/// least-squares line through the origin of -ln(1 - F_i) against ln(mu_i) over the first 90 % (the largest
/// 10 %, the noisiest, are left out as in the paper).
/// </remarks>
public static class TwoNNDimension
{
    /// <summary>The share of sorted ratios the line is fitted on.</summary>
    public const double FitFraction = 0.9;

    /// <summary>The TwoNN estimate from each point's first two neighbour distances.</summary>
    public static Measurement Estimate(NearestNeighbours neighbours)
    {
        ArgumentNullException.ThrowIfNull(neighbours);
        if (neighbours.K < 2)
        {
            throw new ArgumentException($"TwoNN needs two neighbours per point, got {neighbours.K}", nameof(neighbours));
        }
        var logMu = new List<double>(neighbours.Count);
        for (var i = 0; i < neighbours.Count; i++)
        {
            var r = neighbours.Of(i);
            if (r[0] > 0 && r[1] > r[0])
            {
                logMu.Add(Math.Log(r[1] / r[0]));
            }
        }
        var n = logMu.Count;
        var fitted = (int)(FitFraction * n);
        if (fitted < 1)
        {
            return Measurement.Unavailable(
                $"{neighbours.Count - n} of {neighbours.Count} points have a duplicate or two equidistant nearest neighbours; too few are left to fit");
        }
        logMu.Sort();
        double xy = 0, xx = 0;
        for (var i = 0; i < fitted; i++)
        {
            var x = logMu[i];
            var y = -Math.Log(1 - (i + 1.0) / n);
            xy += x * y;
            xx += x * x;
        }
        return Measurement.Of(xy / xx);
    }
}

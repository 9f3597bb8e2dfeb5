namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Maximum-likelihood intrinsic dimension: Levina and Bickel, "Maximum Likelihood Estimation of Intrinsic
/// Dimension", NIPS 2004; averaged as MacKay and Ghahramani suggest in "Comments on 'Maximum Likelihood
/// Estimation of Intrinsic Dimension' by E. Levina and P. Bickel" (2005): over the inverses.
/// </summary>
/// <remarks>
/// Per point 1 / m_k(x) = (1 / (k - 1)) Σ_{j &lt; k} ln(T_k / T_j), T_j the distance to the j-th neighbour;
/// the global estimate is 1 / mean(1 / m_k). Averaging the inverses pools the log-ratios of all points
/// into one likelihood, as MacKay and Ghahramani argue, where the plain mean of m_k (Levina and Bickel's
/// choice) is pulled up by points whose log-ratios happen to sum to almost nothing. Points with T_1 = 0 (a duplicate) are dropped, as TwoNN drops them: ln(T_k / 0) is not a
/// distance ratio. One k, <see cref="DefaultK"/> = 10: the low end of the 10-20 range of the paper, because
/// the estimate is biased down when the k-neighbourhood reaches a boundary of the data (a cube, an image
/// manifold), and a smaller neighbourhood reaches it less; 10 neighbours still average out the noise of
/// one ratio.
/// </remarks>
public static class MleDimension
{
    /// <summary>The default number of neighbours.</summary>
    public const int DefaultK = 10;

    /// <summary>The MLE estimate from each point's first <paramref name="k"/> neighbour distances.</summary>
    public static Measurement Estimate(NearestNeighbours neighbours, int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(neighbours);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        if (neighbours.K < k)
        {
            throw new ArgumentException($"MLE with k = {k} needs {k} neighbours per point, got {neighbours.K}", nameof(neighbours));
        }
        double sumOfInverses = 0;
        var used = 0;
        for (var i = 0; i < neighbours.Count; i++)
        {
            var t = neighbours.Of(i);
            if (t[0] <= 0)
            {
                continue;
            }
            var logTk = Math.Log(t[k - 1]);
            var s = 0.0;
            for (var j = 0; j < k - 1; j++)
            {
                s += logTk - Math.Log(t[j]);
            }
            sumOfInverses += s / (k - 1);
            used++;
        }
        if (used == 0)
        {
            return Measurement.Unavailable($"all {neighbours.Count} points have a duplicate, so no distance ratio is defined");
        }
        if (sumOfInverses <= 0)
        {
            return Measurement.Unavailable($"every point has its {k} nearest neighbours at one distance, so the ratios carry no dimension");
        }
        return Measurement.Of(used / sumOfInverses);
    }
}

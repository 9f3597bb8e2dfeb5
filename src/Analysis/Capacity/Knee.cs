namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// The accuracy knee of a grid: the smallest configuration whose mean test accuracy is within a tolerance of the
/// best configuration's. The tolerance is the larger of a floor (default 0.5 percentage points) and the best
/// configuration's standard deviation across seeds.
/// </summary>
public static class Knee
{
    /// <summary>The default tolerance floor: 0.5 percentage points of accuracy.</summary>
    public const double DefaultMinTolerance = 0.005;

    /// <summary>The knee of <paramref name="candidates"/>, or null when there are none.</summary>
    /// <param name="candidates">The configurations; sizes ties are broken by the higher mean, then by key.</param>
    /// <param name="minTolerance">The tolerance floor, as a fraction of accuracy (0.005 = 0.5 pp).</param>
    /// <exception cref="ArgumentOutOfRangeException">The floor is negative or not finite.</exception>
    /// <exception cref="ArgumentException">A candidate's accuracy or size is not finite.</exception>
    public static KneePick? Find(IReadOnlyList<KneeCandidate> candidates, double minTolerance = DefaultMinTolerance)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (!double.IsFinite(minTolerance) || minTolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minTolerance), minTolerance, "the tolerance must be a finite number >= 0");
        }
        if (candidates.Count == 0)
        {
            return null;
        }
        foreach (var c in candidates)
        {
            if (!double.IsFinite(c.MeanAccuracy) || !double.IsFinite(c.StdAccuracy) || !double.IsFinite(c.Size))
            {
                throw new ArgumentException($"configuration '{c.Key}' has a non-finite size or accuracy", nameof(candidates));
            }
        }
        var best = candidates.OrderByDescending(c => c.MeanAccuracy).ThenBy(c => c.Size).ThenBy(c => c.Key, StringComparer.Ordinal).First();
        var tolerance = Math.Max(minTolerance, best.StdAccuracy);
        var knee = candidates
            .Where(c => c.MeanAccuracy >= best.MeanAccuracy - tolerance)
            .OrderBy(c => c.Size).ThenByDescending(c => c.MeanAccuracy).ThenBy(c => c.Key, StringComparer.Ordinal)
            .First();
        return new KneePick(knee, best, tolerance);
    }
}

/// <summary>The knee, the best configuration it was measured against, and the tolerance used.</summary>
public sealed record KneePick(KneeCandidate Knee, KneeCandidate Best, double Tolerance);

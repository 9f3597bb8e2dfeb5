namespace CapacityGrid.Analysis.Capacity.Law;

/// <summary>
/// Fits, across experiments, the knee's capacity against each dataset estimate as a power law, and scores each fit by
/// its leave-one-out error in grid steps: the number a user cares about is how far a law learnt on other data sets
/// would have put the knee of a new one.
/// </summary>
public static class CapacityLaw
{
    /// <summary>The fewest experiments a fit is made on: leave-one-out then still fits two parameters on two points.</summary>
    public const int MinimumExperiments = 3;

    /// <summary>One fit per estimate that at least one experiment has, in order of mean leave-one-out error (best first).</summary>
    public static IReadOnlyList<LawFit> Fit(IReadOnlyList<LawObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var names = observations.SelectMany(o => o.Estimates.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. names.Select(name => FitOne(name, observations))
            .OrderBy(f => f.MeanLeaveOneOutSteps ?? double.PositiveInfinity).ThenBy(f => f.Estimate, StringComparer.Ordinal)];
    }

    private static LawFit FitOne(string name, IReadOnlyList<LawObservation> observations)
    {
        var usable = observations
            .Where(o => o.Estimates.TryGetValue(name, out var e) && double.IsFinite(e) && e > 0 && double.IsFinite(o.Capacity) && o.Capacity > 0)
            .ToList();
        if (usable.Count < MinimumExperiments)
        {
            return new LawFit(name, usable.Count, null, null, null, null, null, [],
                $"{usable.Count} experiments have a positive {name}; a fit needs {MinimumExperiments}");
        }
        var x = usable.Select(o => Math.Log(o.Estimates[name])).ToArray();
        var y = usable.Select(o => Math.Log(o.Capacity)).ToArray();
        if (LeastSquares(x, y, skip: -1) is not var (intercept, slope))
        {
            return new LawFit(name, usable.Count, null, null, null, null, null, [], $"every experiment has the same {name}");
        }
        var residuals = new List<LawResidual>();
        for (var i = 0; i < usable.Count; i++)
        {
            if (LeastSquares(x, y, skip: i) is not var (a, b))
            {
                return new LawFit(name, usable.Count, Math.Exp(intercept), slope, RSquared(x, y, intercept, slope), null, null, [],
                    $"leaving {usable[i].Experiment} out leaves only one value of {name}");
            }
            var predicted = Math.Exp(a + b * x[i]);
            var steps = Math.Abs(Math.Log(predicted / usable[i].Capacity)) / Math.Log(Math.Max(usable[i].StepFactor, 1.0001));
            residuals.Add(new LawResidual(usable[i].Experiment, usable[i].Estimates[name], usable[i].Capacity, predicted, steps));
        }
        return new LawFit(name, usable.Count, Math.Exp(intercept), slope, RSquared(x, y, intercept, slope),
            residuals.Average(r => r.Steps), residuals.Max(r => r.Steps), residuals);
    }

    // Ordinary least squares of y on x, leaving index skip out; null when x has no spread.
    private static (double Intercept, double Slope)? LeastSquares(double[] x, double[] y, int skip)
    {
        double n = 0, sx = 0, sy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (i != skip)
            {
                n++;
                sx += x[i];
                sy += y[i];
            }
        }
        double mx = sx / n, my = sy / n, sxx = 0, sxy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (i != skip)
            {
                sxx += (x[i] - mx) * (x[i] - mx);
                sxy += (x[i] - mx) * (y[i] - my);
            }
        }
        if (sxx <= 1e-12 * Math.Max(1, mx * mx))
        {
            return null;
        }
        var slope = sxy / sxx;
        return (my - slope * mx, slope);
    }

    private static double RSquared(double[] x, double[] y, double intercept, double slope)
    {
        var mean = y.Average();
        double total = 0, residual = 0;
        for (var i = 0; i < x.Length; i++)
        {
            total += (y[i] - mean) * (y[i] - mean);
            var r = y[i] - (intercept + slope * x[i]);
            residual += r * r;
        }
        return total <= 0 ? 1 : 1 - residual / total;
    }
}

using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// Fits the verification star (the recommendation, and each layer alone x0.5 and x2, 2 seeds, every row and epoch) into
/// what the budget leaves after the probes, cutting in this order until it fits: the second seed; the x0.5 neighbours
/// (the x2 ones decide whether the recommendation is on the plateau: only a wider neighbour can beat it by more than
/// the tolerance); epochs, halved down to <see cref="ProbePlanner.MinEpochs"/>; rows, halved down to
/// <see cref="ProbePlanner.MinRows"/>. Null when even that does not fit.
/// </summary>
public static class StarPlanner
{
    /// <summary>The star around <paramref name="hidden"/> within <paramref name="budget"/> multiply-adds, or null.</summary>
    public static StarPlan? Plan(double budget, int[] hidden, int inputs, int classes, int rows, int epochs)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        var cuts = new List<string>();
        var seeds = 2;
        var halves = true;
        var e = epochs;
        var r = rows;
        while (true)
        {
            var shapes = Shapes(hidden, halves);
            var cost = seeds * shapes.Sum(s => TrainingCost.TrainingMultiplyAdds(new MlpSpec(inputs, s.Hidden, classes), (long)r * e));
            if (cost <= budget)
            {
                return new StarPlan(shapes, seeds, e, r, cost, cuts);
            }
            if (seeds == 2)
            {
                seeds = 1;
                cuts.Add("1 seed");
            }
            else if (halves)
            {
                halves = false;
                cuts.Add("no x0.5 neighbours");
            }
            else if (e > Math.Min(ProbePlanner.MinEpochs, epochs))
            {
                e = Math.Max(Math.Min(ProbePlanner.MinEpochs, epochs), e / 2);
                cuts.RemoveAll(c => c.EndsWith(" epochs", StringComparison.Ordinal));
                cuts.Add($"{e} epochs");
            }
            else if (r > Math.Min(ProbePlanner.MinRows, rows))
            {
                r = Math.Max(Math.Min(ProbePlanner.MinRows, rows), r / 2);
                cuts.RemoveAll(c => c.EndsWith(" rows", StringComparison.Ordinal));
                cuts.Add($"{r} rows");
            }
            else
            {
                return null;
            }
        }
    }

    private static List<StarShape> Shapes(int[] hidden, bool halves)
    {
        var shapes = new List<StarShape> { new(null, 1, hidden) };
        for (var l = 0; l < hidden.Length; l++)
        {
            foreach (var scale in halves ? new[] { 0.5, 2 } : [2])
            {
                var scaled = (int[])hidden.Clone();
                scaled[l] = Math.Max(1, (int)Math.Round(hidden[l] * scale));
                if (scaled[l] != hidden[l])
                {
                    shapes.Add(new StarShape(l, scale, scaled));
                }
            }
        }
        return shapes;
    }
}

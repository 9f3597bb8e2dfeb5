using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// Chooses a probe that fits a compute budget, by construction: the widest probe (powers of 2 from the widest
/// allowed down to <see cref="MinWidth"/>) that trains every row for every epoch within the budget; if even
/// <see cref="MinWidth"/> does not fit, fewer epochs (down to <see cref="MinEpochs"/>), then fewer rows (down to
/// <see cref="MinRows"/>). Width comes first because a probe narrower than a layer needs cannot show that need.
/// </summary>
public static class ProbePlanner
{
    /// <summary>The narrowest probe planned.</summary>
    public const int MinWidth = 8;

    /// <summary>The fewest epochs planned.</summary>
    public const int MinEpochs = 2;

    /// <summary>The fewest training rows planned (or all of them, when there are fewer).</summary>
    public const int MinRows = 256;

    /// <summary>The plan for a probe of <paramref name="depth"/> hidden layers under <paramref name="budget"/> multiply-adds.</summary>
    /// <param name="budget">Training multiply-adds the probe may spend (see <see cref="TrainingCost"/>).</param>
    /// <param name="inputs">Input features.</param>
    /// <param name="classes">Classes.</param>
    /// <param name="depth">Hidden layers.</param>
    /// <param name="rows">Training rows available.</param>
    /// <param name="epochs">Epochs at most.</param>
    /// <param name="maxWidth">Width at most (e.g. the sweep's widest layer).</param>
    /// <param name="withHalfWidth">Plan a pair: the probe and one of half its width, both on the same rows and epochs,
    /// within the budget together (how a layer's used dimension moves between the two shows whether it found its size).</param>
    /// <exception cref="ArgumentOutOfRangeException">The budget is not a positive number, or an argument is below 1.</exception>
    /// <exception cref="ArgumentException">Not even the smallest probe fits the budget; the message says what it needs.</exception>
    public static ProbePlan Plan(double budget, int inputs, int classes, int depth, int rows, int epochs, int maxWidth, bool withHalfWidth = false)
    {
        if (!(budget > 0) || !double.IsFinite(budget))
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "the budget must be a positive number of multiply-adds");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);

        double One(int width, long sampleEpochs) =>
            TrainingCost.TrainingMultiplyAdds(new MlpSpec(inputs, [.. Enumerable.Repeat(width, depth)], classes), sampleEpochs);
        double Cost(int width, long sampleEpochs) => One(width, sampleEpochs) + (withHalfWidth ? One(HalfOf(width), sampleEpochs) : 0);

        var narrowest = Math.Min(MinWidth, maxWidth);
        foreach (var width in Widths(maxWidth, narrowest))
        {
            var cost = Cost(width, (long)rows * epochs);
            if (cost <= budget)
            {
                return new ProbePlan(width, depth, epochs, rows, budget, cost, withHalfWidth);
            }
        }
        var perSampleEpoch = Cost(narrowest, 1);
        var fewestEpochs = Math.Min(MinEpochs, epochs);
        var affordableEpochs = (int)Math.Min(epochs, Math.Floor(budget / (perSampleEpoch * rows)));
        if (affordableEpochs >= fewestEpochs)
        {
            return new ProbePlan(narrowest, depth, affordableEpochs, rows, budget, Cost(narrowest, (long)rows * affordableEpochs), withHalfWidth);
        }
        var fewestRows = Math.Min(MinRows, rows);
        var affordableRows = (int)Math.Min(rows, Math.Floor(budget / (perSampleEpoch * fewestEpochs)));
        if (affordableRows >= fewestRows)
        {
            return new ProbePlan(narrowest, depth, fewestEpochs, affordableRows, budget, Cost(narrowest, (long)affordableRows * fewestEpochs), withHalfWidth);
        }
        throw new ArgumentException(
            $"{budget:0.00e0} multiply-adds cannot train even the smallest probe{(withHalfWidth ? " pair" : "")} ({depth} x {narrowest} units, {fewestRows} rows, {fewestEpochs} epochs needs {Cost(narrowest, (long)fewestRows * fewestEpochs):0.00e0})",
            nameof(budget));
    }

    /// <summary>The width of the narrower probe of a pair: half, at least 1.</summary>
    public static int HalfOf(int width) => Math.Max(1, width / 2);

    // The widest allowed, then every power of 2 below it down to the narrowest.
    private static IEnumerable<int> Widths(int maxWidth, int narrowest)
    {
        yield return maxWidth;
        for (var width = 1 << System.Numerics.BitOperations.Log2((uint)Math.Max(1, maxWidth - 1)); width >= narrowest && width < maxWidth; width /= 2)
        {
            yield return width;
        }
    }
}

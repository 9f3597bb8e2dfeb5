using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Bench.Faults;

/// <summary>
/// The checks after a fault, read from the capacity map the CLI wrote (through the typed reader the report uses) (each point's epochs and its
/// <c>history</c>) against the map of an uninterrupted run of the same spec.
/// </summary>
public sealed record MapCheck(
    bool Completed,
    bool NothingLost,
    bool NoneCompletedTwice,
    int Interruptions,
    int EpochsRetrained,
    bool RedoneWithinBound,
    bool EqualToBaseline,
    double MaxDifference)
{
    /// <summary>Accuracies and losses of the same point and epoch may differ by this much (training is bit-identical).</summary>
    public const double Tolerance = 1e-6;

    /// <summary>True when every check holds.</summary>
    public bool Passed => Completed && NothingLost && NoneCompletedTwice && RedoneWithinBound && EqualToBaseline;

    /// <summary>
    /// Checks <paramref name="map"/> against <paramref name="baseline"/>. A point may retrain
    /// <paramref name="allowedRetrained"/> of its checkpointed epochs (a corrupt checkpoint's); beyond that, each
    /// interruption may redo only the epoch in flight, which was never checkpointed.
    /// </summary>
    public static MapCheck Of(CapacityMap map, CapacityMap baseline, int epochs, Func<string, int> allowedRetrained)
    {
        var points = map.Points.ToDictionary(p => p.PointId);
        var expected = baseline.Points.ToDictionary(p => p.PointId);
        var completed = points.Count == expected.Count && points.Values.All(p => p.Status == PointStatus.Finished);
        var lost = points.Values.Any(p => !EpochNumbers(p).SequenceEqual(Enumerable.Range(1, epochs)));
        // A point without its history cannot show it completed once.
        var twice = points.Values.Any(p => p.History?.Completions != 1);
        var interruptions = points.Values.Sum(p => (p.History?.Runs ?? 1) - 1);
        var retrained = points.ToDictionary(p => p.Key, p => (p.Value.History?.EpochsTrained ?? epochs) - epochs);
        var within = retrained.All(r => r.Value <= allowedRetrained(r.Key));
        var difference = 0.0;
        var equal = completed;
        foreach (var (id, point) in points)
        {
            if (!expected.TryGetValue(id, out var reference) || EpochNumbers(point).Count != EpochNumbers(reference).Count)
            {
                equal = false;
                continue;
            }
            foreach (var (a, b) in (point.Epochs ?? []).Zip(reference.Epochs ?? []))
            {
                difference = new[]
                {
                    Difference(a.TrainAccuracy, b.TrainAccuracy), Difference(a.TestAccuracy, b.TestAccuracy),
                    Difference(a.TrainLoss, b.TrainLoss), Difference(a.TestLoss, b.TestLoss),
                }.Append(difference).Max();
            }
        }
        return new MapCheck(completed, !lost, !twice, interruptions, retrained.Values.Sum(), within, equal && difference <= Tolerance, difference);
    }

    private static List<int> EpochNumbers(CapacityMapRow point) => [.. (point.Epochs ?? []).Select(e => e.Epoch)];

    // A measure one map has and the other lacks differs without bound.
    private static double Difference(double? a, double? b) =>
        a is { } x && b is { } y ? Math.Abs(x - y) : a == b ? 0 : double.PositiveInfinity;
}

using System.Text.Json;

namespace CapacityGrid.Bench.Faults;

/// <summary>
/// The checks after a fault, read from the capacity map the CLI wrote (each point's epochs and its
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
    public static MapCheck Of(JsonElement map, JsonElement baseline, int epochs, Func<string, int> allowedRetrained)
    {
        var points = Points(map);
        var expected = Points(baseline);
        var completed = points.Count == expected.Count && points.Values.All(p => p.GetProperty("status").GetString() == "finished");
        var lost = points.Values.Any(p => !EpochNumbers(p).SequenceEqual(Enumerable.Range(1, epochs)));
        var twice = points.Values.Any(p => History(p).GetProperty("completions").GetInt32() != 1);
        var interruptions = points.Values.Sum(p => History(p).GetProperty("runs").GetInt32() - 1);
        var retrained = points.ToDictionary(p => p.Key, p => History(p.Value).GetProperty("epochsTrained").GetInt32() - epochs);
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
            foreach (var (a, b) in point.GetProperty("epochs").EnumerateArray().Zip(reference.GetProperty("epochs").EnumerateArray()))
            {
                foreach (var key in new[] { "trainAccuracy", "testAccuracy", "trainLoss", "testLoss" })
                {
                    difference = Math.Max(difference, Math.Abs(a.GetProperty(key).GetDouble() - b.GetProperty(key).GetDouble()));
                }
            }
        }
        return new MapCheck(completed, !lost, !twice, interruptions, retrained.Values.Sum(), within, equal && difference <= Tolerance, difference);
    }

    private static Dictionary<string, JsonElement> Points(JsonElement map) =>
        map.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("pointId").GetString()!);

    private static List<int> EpochNumbers(JsonElement point) =>
        [.. point.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32())];

    private static JsonElement History(JsonElement point) => point.GetProperty("history");
}

using System.Diagnostics;
using System.Globalization;

namespace CapacityGrid.Bench;

/// <summary>
/// Wall-clock timing of a candidate against a baseline. Runs alternate (baseline, candidate, baseline, ...)
/// after two warm-up rounds, so load from other processes on a shared machine falls on both alike.
/// </summary>
public static class Timing
{
    /// <summary>Median and fastest of each, over <paramref name="repetitions"/> alternating rounds.</summary>
    public static (Result Baseline, Result Candidate) Compare(Action baseline, Action candidate, int repetitions = 7)
    {
        for (var i = 0; i < 2; i++)
        {
            baseline();
            candidate();
        }
        var b = new List<TimeSpan>(repetitions);
        var c = new List<TimeSpan>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            b.Add(Once(baseline));
            c.Add(Once(candidate));
        }
        return (Result.Of(b), Result.Of(c));
    }

    private static TimeSpan Once(Action work)
    {
        // Start from a collected heap, so one run's garbage is not charged to the next.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        work();
        return watch.Elapsed;
    }

    /// <summary>Median and fastest of a set of runs.</summary>
    public sealed record Result(TimeSpan Median, TimeSpan Fastest)
    {
        /// <summary>Summarises <paramref name="times"/>.</summary>
        public static Result Of(List<TimeSpan> times)
        {
            times.Sort();
            return new Result(times[times.Count / 2], times[0]);
        }
    }

    /// <summary>Milliseconds with one decimal.</summary>
    public static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
}

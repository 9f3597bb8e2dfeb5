using System.Diagnostics;
using System.Globalization;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Training;

namespace CapacityGrid.Bench.Grid;

/// <summary>
/// Load (issue 7): several experiments submitted at once through the real grid with the trivial engine share
/// the slots. Prints each experiment's finished points over time, their spread when half of all points are done
/// (fairness: none starves), the silo process's peak working set (the silo runs in this process) and the
/// throughput in points per second against the slots' ideal.
/// </summary>
public static class LoadBench
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Arguments: <c>[--experiments 3] [--points 500] [--trial-ms 50] [--slots 2] [--in-flight 32]</c>.</summary>
    public static int Run(string[] args)
    {
        var experiments = BenchArgs.Int(args, "--experiments", 3);
        var points = BenchArgs.Int(args, "--points", 500);
        var trialMs = BenchArgs.Int(args, "--trial-ms", 50);
        var slots = BenchArgs.Int(args, "--slots", 2);
        var inFlight = BenchArgs.Int(args, "--in-flight", 32);
        return RunAsync(experiments, points, trialMs, slots, inFlight).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int experiments, int points, int trialMs, int slots, int inFlight)
    {
        var engine = new FixedTimeTrainingEngine(TimeSpan.FromMilliseconds(trialMs));
        await using var host = await GridBenchHost.StartAsync(engine, slots, inFlight);
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"load: {experiments} experiments x {points} points of {trialMs} ms (sleeping), {slots} slots, {inFlight} points in flight each, {Environment.ProcessorCount} cores, load average {BookkeepingBench.LoadAverage()}");
        process.Refresh();
        Console.WriteLine($"working set after start: {MiB(process.WorkingSet64)} MiB");

        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(1, experiments).Select(i => $"load-{i}-{stamp}").ToArray();
        var grains = ids.Select(id => host.Grains.GetGrain<IExperimentGrain>(id)).ToArray();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(grains.Select((g, i) => g.StartAsync(GridBenchHost.Spec($"load-{i + 1}", points, 1))));

        var total = experiments * points;
        var firstFinish = new TimeSpan?[experiments];
        int[]? atHalf = null;
        var nextLine = 0.1;
        ExperimentStatus[] statuses;
        Console.WriteLine($"{"time s",7}  {string.Join("  ", ids.Select((_, i) => $"exp{i + 1,-4}"))}  working set MiB");
        while (true)
        {
            statuses = await Task.WhenAll(grains.Select(g => g.GetStatusAsync()));
            var finished = statuses.Select(s => s.Finished).ToArray();
            for (var i = 0; i < experiments; i++)
            {
                firstFinish[i] ??= finished[i] > 0 ? watch.Elapsed : null;
            }
            var done = finished.Sum();
            if (atHalf is null && done * 2 >= total)
            {
                atHalf = finished;
            }
            if (done >= nextLine * total || statuses.All(s => s.State != ExperimentState.Running))
            {
                process.Refresh();
                Console.WriteLine($"{watch.Elapsed.TotalSeconds,7:F1}  {string.Join("  ", finished.Select(f => $"{f,7}"))}  {MiB(process.WorkingSet64),6}");
                nextLine = Math.Floor(done * 10.0 / total + 1) / 10;
            }
            if (statuses.All(s => s.State != ExperimentState.Running))
            {
                break;
            }
            await Task.Delay(Poll);
        }
        var wall = watch.Elapsed;
        process.Refresh();
        var half = atHalf!;
        Console.WriteLine($"at the halfway mark: finished {string.Join(" / ", half)}; spread (max - min) {half.Max() - half.Min()} points = {(half.Max() - half.Min()) * 100.0 / (total / 2.0 / experiments):F1} % of a fair share");
        Console.WriteLine($"first point finished after: {string.Join(" / ", firstFinish.Select(t => t is null ? "never" : $"{t.Value.TotalSeconds:F2} s"))}");
        Console.WriteLine($"wall {wall.TotalSeconds:F1} s; throughput {total / wall.TotalSeconds:F1} points/s (ideal {slots * 1000.0 / trialMs:F1} with {slots} slots; ratio wall / ideal {wall.TotalMilliseconds / (engine.TrainingTime.TotalMilliseconds / slots):F3})");
        Console.WriteLine($"peak working set of the silo process (bench client included): {MiB(process.PeakWorkingSet64)} MiB; now {MiB(process.WorkingSet64)} MiB; managed heap {MiB(GC.GetTotalMemory(false))} MiB; load average {BookkeepingBench.LoadAverage()}");
        return statuses.All(s => s.Finished == points) ? 0 : 1;
    }

    private static long MiB(long bytes) => bytes / (1024 * 1024);
}

using System.Diagnostics;
using System.Globalization;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Training;

namespace CapacityGrid.Bench.Grid;

/// <summary>
/// The grid's bookkeeping overhead (issue 4): many short trials of the trivial engine through the real grid
/// (experiment grain, trainer grains, slots, grain state and checkpoints in Azurite, reminders). Prints the
/// ideal (the trials' summed epoch time / slots), the wall time from submit to completion and their ratio
/// (target: at most 1.05), and the slot time lost per trial.
/// </summary>
public static class BookkeepingBench
{
    private const int WarmUpTrials = 100;

    /// <summary>Arguments: <c>[--trials 10000] [--trial-ms 50] [--epochs 1] [--slots 2] [--in-flight 32] [--spin]</c>.</summary>
    public static int Run(string[] args)
    {
        var trials = BenchArgs.Int(args, "--trials", 10_000);
        var trialMs = BenchArgs.Int(args, "--trial-ms", 50);
        var epochs = BenchArgs.Int(args, "--epochs", 1);
        var slots = BenchArgs.Int(args, "--slots", 2);
        var inFlight = BenchArgs.Int(args, "--in-flight", 32);
        var spin = BenchArgs.Flag(args, "--spin");
        return RunAsync(trials, trialMs, epochs, slots, inFlight, spin).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int trials, int trialMs, int epochs, int slots, int inFlight, bool spin)
    {
        var engine = new FixedTimeTrainingEngine(TimeSpan.FromMilliseconds((double)trialMs / epochs), spin);
        await using var host = await GridBenchHost.StartAsync(engine, slots, inFlight);
        Console.WriteLine($"bookkeeping: {trials} trials x {epochs} epoch(s), {trialMs} ms per trial ({(spin ? "spinning" : "sleeping")}), {slots} slots, {inFlight} points in flight, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        // Warm-up: JIT, Azurite's containers and tables, the first activations.
        await RunExperimentAsync(host, $"warm-up-{Stamp()}", WarmUpTrials, epochs, progress: false);

        var before = engine.TrainingTime;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (wall, status) = await RunExperimentAsync(host, $"bookkeeping-{Stamp()}", trials, epochs, progress: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var training = engine.TrainingTime - before;
        var ideal = training / slots;
        var ratio = wall / ideal;
        var lostPerTrial = (wall * slots - training).TotalMilliseconds / trials;
        Console.WriteLine($"finished {status.Finished} of {status.Total} (failed {status.Failed}); mean trial {BenchArgs.Ms(training.TotalMilliseconds / trials)} ms");
        Console.WriteLine($"ideal {Seconds(ideal)} s (summed trial time / {slots} slots), wall {Seconds(wall)} s, ratio {ratio.ToString("F3", CultureInfo.InvariantCulture)} (target <= 1.05)");
        Console.WriteLine($"overhead: {BenchArgs.Ms(lostPerTrial)} ms of slot time per trial; {Rate(trials, wall)} trials/s; process CPU {Seconds(cpu)} s ({BenchArgs.Ms(cpu.TotalMilliseconds / trials)} ms per trial); load average {LoadAverage()}");
        return status.Finished == trials ? 0 : 1;
    }

    private static async Task<(TimeSpan Wall, ExperimentStatus Status)> RunExperimentAsync(GridBenchHost host, string id, int trials, int epochs, bool progress)
    {
        var experiment = host.Grains.GetGrain<IExperimentGrain>(id);
        var watch = Stopwatch.StartNew();
        await experiment.StartAsync(GridBenchHost.Spec("bookkeeping", trials, epochs));
        using var report = progress ? new Timer(_ =>
        {
            var s = experiment.GetStatusAsync().GetAwaiter().GetResult();
            Console.Error.WriteLine($"  {Seconds(watch.Elapsed)} s: {s.Finished}/{s.Total}");
        }, null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)) : null;
        var status = await host.WaitAsync(id, TimeSpan.FromMilliseconds(5));
        return (watch.Elapsed, status);
    }

    private static string Stamp() => DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);

    private static string Rate(int count, TimeSpan t) => (count / t.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>The one-minute load average (Linux), or "?".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}

using System.Diagnostics;
using System.Globalization;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Bench.Grid;

/// <summary>
/// The grid's efficiency on real training (issue #16, item 2): TorchSharp sweeps of small MLPs through the real
/// grid (one silo in this process, its own Azurite): the quickstart grid (examples/quickstart.json) and a 200-point
/// grid of widths 4-64 on the same data and training. Prints per grid the wall time from submit to completion, the
/// points' phases summed, the ideal (summed training-step time / slots) and their ratio (target: at most 1.5).
/// </summary>
public static class SweepEfficiencyBench
{
    private static readonly int[] WideWidths = [4, 8, 12, 16, 24, 32, 40, 48, 56, 64];

    /// <summary>
    /// Arguments: <c>[--slots 2] [--only quickstart|wide] [--checkpoint-every k] [--set Section:Key=value ...]</c>;
    /// <c>--checkpoint-every</c> sets both grids' <c>training.checkpointEvery</c>, <c>--set</c> a silo setting.
    /// </summary>
    public static int Run(string[] args)
    {
        var slots = BenchArgs.Int(args, "--slots", 2);
        int? every = args.Contains("--checkpoint-every") ? BenchArgs.Int(args, "--checkpoint-every", 1) : null;
        var only = Value(args, "--only");
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                settings[key] = value;
            }
        }
        return RunAsync(slots, only, every, settings).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int slots, string? only, int? every, Dictionary<string, string?> settings)
    {
        var quickstart = SpecParser.ParseFile(QuickstartPath());
        quickstart = quickstart with { Training = quickstart.Training with { CheckpointEvery = every } };
        var wide = quickstart with
        {
            Name = "wide",
            Grid = quickstart.Grid with { Widths = WideWidths, Depths = [1, 2], Seeds = [.. Enumerable.Range(1, 10)] },
        };
        var started = Stopwatch.StartNew();
        await using var host = await GridBenchHost.StartRealAsync(slots, 32, settings);
        Console.WriteLine($"sweep-efficiency: {slots} slots, {Environment.ProcessorCount} cores, checkpoint every {every ?? 1} epoch(s), settings [{string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}], "
            + $"silo and Azurite up in {Seconds(started.Elapsed)} s, load average {BookkeepingBench.LoadAverage()}");
        // Warm-up: JIT, torch's first calls, Azurite's containers; a grid of its own so no dataset is cached.
        await RunGridAsync(host, quickstart with { Name = "warm-up", Grid = quickstart.Grid with { Widths = [3], Depths = [1], Seeds = [1] } }, slots, print: false);
        var ok = true;
        foreach (var spec in new[] { quickstart, wide }.Where(s => only is null || s.Name == only))
        {
            ok &= await RunGridAsync(host, spec, slots, print: true);
        }
        Console.WriteLine($"load average {BookkeepingBench.LoadAverage()}");
        return ok ? 0 : 1;
    }

    private static async Task<bool> RunGridAsync(GridBenchHost host, ExperimentSpec spec, int slots, bool print)
    {
        var id = $"{spec.Name}-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var watch = Stopwatch.StartNew();
        await host.Grains.GetGrain<IExperimentGrain>(id).StartAsync(spec);
        var status = await host.WaitAsync(id, TimeSpan.FromMilliseconds(5));
        var wall = watch.Elapsed;
        var map = await host.Grains.GetGrain<IAnalysisGrain>(id).BuildCapacityMapAsync();
        var sum = map.Points.Where(p => p.Phases is not null).Aggregate(new PhaseSeconds(), (total, p) => total + p.Phases!);
        if (print)
        {
            var ideal = sum.TrainingSteps / slots;
            Console.WriteLine($"{spec.Name}: {status.Finished} of {status.Total} finished (failed {status.Failed}), wall {Seconds(wall)} s, "
                + $"ideal {sum.TrainingSteps.ToString("F2", CultureInfo.InvariantCulture)} s steps / {slots} slots = {ideal.ToString("F2", CultureInfo.InvariantCulture)} s, "
                + $"ratio {(wall.TotalSeconds / ideal).ToString("F1", CultureInfo.InvariantCulture)} (target <= 1.5)");
            var other = sum.TrainingThread - sum.TrainingSteps - sum.Evaluation - sum.LayerMeasures - sum.FinalMeasures;
            Console.WriteLine("  summed phases (s): " + string.Join(", ",
                sum.Named().Append(("otherTraining", other)).Select(p => $"{p.Item1} {p.Item2.ToString("F2", CultureInfo.InvariantCulture)}")));
        }
        return status.Finished == status.Total;
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    // examples/quickstart.json of the checkout the benchmark runs from.
    private static string QuickstartPath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "examples", "quickstart.json");
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException("examples/quickstart.json not found above the benchmark's folder");
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Globalization;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Bench.Faults;

/// <summary>
/// The fault harness: Azurite, three silo processes and the capgrid CLI, as a user runs them. It runs one sweep
/// uninterrupted, then the same sweep (same spec and seeds, another id) under each fault, and checks after each
/// that it completes, loses no result, completes no point twice, redoes at most the epoch in flight per
/// interruption, and ends with the same capacity map, point by point and epoch by epoch.
/// </summary>
public static class FaultsBench
{
    private const int Silos = 3;
    private const int Epochs = 10;
    private const int Points = 6;
    private const string Spec = """
        { "name": "faults", "dataset": { "kind": "teacher", "inputDim": 8, "teacherHidden": [12], "classes": 3, "samples": 6000, "seed": 4 },
          "grid": { "widths": [8, 16, 32], "depths": [1, 2], "seeds": [1] },
          "training": { "epochs": 10, "batchSize": 4, "learningRate": 0.01 } }
        """;

    /// <summary>Runs every fault (arguments: the number of silo kills, default 3); exit 1 when a check fails.</summary>
    public static int Run(string[] args) => RunAsync(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int kills)
    {
        var folder = Directory.CreateTempSubdirectory("capgrid-faults-").FullName;
        var spec = Path.Combine(folder, "spec.json");
        await File.WriteAllTextAsync(spec, Spec);
        Console.WriteLine($"faults: {Points} points x {Epochs} epochs, {Silos} silo processes (1 slot each), Azurite; logs in {folder}");
        await using var cluster = await LocalCluster.StartAsync(folder, Silos);
        var sweep = new FaultSweep(cluster, spec, Path.Combine(folder, "out"), Epochs, Points);

        var watch = Stopwatch.StartNew();
        var baseline = await sweep.RunUninterruptedAsync("baseline");
        Console.WriteLine($"uninterrupted run: {baseline.Result} in {watch.Elapsed.TotalSeconds:0} s");
        if (baseline.Map is not { } reference)
        {
            return 1;
        }

        var outcomes = new List<FaultOutcome>
        {
            await Measure("kill -9 a random silo", () => sweep.KillSilosAsync("kill", kills), reference),
            await Measure("Azurite stopped 30 s", () => sweep.StopStorageAsync("outage", TimeSpan.FromSeconds(30)), reference),
            await Measure("newest checkpoint corrupted", () => sweep.CorruptCheckpointsAsync("corrupt"), reference),
            await Measure("cluster + client killed", () => sweep.KillEverythingAsync("restart"), reference),
        };
        FaultOutcome.Print(Console.Out, outcomes);
        return outcomes.All(o => o.Check?.Passed == true) ? 0 : 1;
    }

    private static async Task<FaultOutcome> Measure(string name, Func<Task<FaultSweep.Faulted>> fault, CapacityMap reference)
    {
        Console.WriteLine($"== {name}");
        var watch = Stopwatch.StartNew();
        var faulted = await fault();
        var check = faulted.Map is { } map ? MapCheck.Of(map, reference, Epochs, p => faulted.Corrupted.GetValueOrDefault(p)) : null;
        var outcome = new FaultOutcome(name, faulted.Count, faulted.Result, faulted.Note, check, watch.Elapsed);
        Console.WriteLine(outcome.Line());
        return outcome;
    }
}

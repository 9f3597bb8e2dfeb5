using CapacityGrid.Bench;
using CapacityGrid.Bench.Grid;
using CapacityGrid.Bench.Faults;
using CapacityGrid.Bench.Measures;
using CapacityGrid.Bench.Training;

// One entry per benchmark: its name (the first argument) and what runs it with the remaining arguments.
// docs/benchmarks.md lists them with their targets. memory comes first so that `all` reads its peak before the others raise it.
var benchmarks = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["memory"] = Printing(MemoryBench.Run),
    ["datasets"] = DatasetsBenchmark.Run,
    ["throughput"] = Printing(ThroughputBench.Run),
    ["cnn-throughput"] = Printing(CnnThroughputBench.Run),
    ["batched"] = Printing(BatchedBench.Run),
    ["saturation"] = Printing(SaturationCostBench.Run),
    ["tracking"] = Printing(TrackingCostBench.Run),
    ["dataset-measures"] = Printing(DatasetMeasuresBench.Run),
    ["bookkeeping"] = BookkeepingBench.Run,
    ["load"] = LoadBench.Run,
    ["sweep-efficiency"] = SweepEfficiencyBench.Run,
    ["faults"] = FaultsBench.Run,
    ["sizing"] = CapacityGrid.Bench.Sizing.SizingBench.Run,
    ["sizing-bottleneck"] = CapacityGrid.Bench.Sizing.BottleneckBench.Run,
};
// Every benchmark in turn with its default arguments (but the fault harness: its own run, minutes long); the worst exit code.
benchmarks["all"] = _ => benchmarks.Where(b => b.Key is not ("all" or "faults" or "sizing" or "sizing-bottleneck")).Select(b =>
{
    Console.WriteLine($"== {b.Key}");
    var code = b.Value([]);
    Console.WriteLine();
    return code;
}).ToList().Max();

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project bench -- <{string.Join('|', benchmarks.Keys)}> [arguments]");
    return 2;
}
return run(args[1..]);

// A benchmark that only prints its results: exit code 0.
static Func<string[], int> Printing(Action<TextWriter> benchmark) => _ =>
{
    benchmark(Console.Out);
    return 0;
};

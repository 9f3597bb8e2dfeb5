using CapacityGrid.Bench;

// One entry per benchmark: its name (the first argument) and what runs it with the remaining arguments.
var benchmarks = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["datasets"] = DatasetsBenchmark.Run,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project bench -- <{string.Join('|', benchmarks.Keys)}> [arguments]");
    return 2;
}
return run(args[1..]);

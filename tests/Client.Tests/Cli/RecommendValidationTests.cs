using System.Collections.Concurrent;
using System.Text.Json;
using CapacityGrid.Tests.Shared;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>
/// The recommendation against the grid's per-layer knee on data sets held out from choosing the rule (docs/sizing.md).
/// The knees were measured by <c>bench sizing</c> (uniform widths 4-128 x depth 2 x seeds 1-2, 15 epochs, then each
/// layer alone narrowed below the uniform knee with the other at it), not in the test: a sweep per data set would cost
/// minutes of the suite. The probes and the star train here, for real, with the sweep the bench measured. Rows the rule
/// misses are skipped with the measured result, not loosened: they are the rule's known misses.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class RecommendValidationTests
{
    private const string Sweep = """
        "grid": { "widths": [4, 8, 16, 32, 64, 128], "depths": [2], "seeds": [1, 2] },
        "training": { "epochs": 15, "optimizer": "adam", "learningRate": 0.01, "batchSize": 64 }
        """;

    // Held out from choosing session 6's rule (idle half width, ReLU headroom): first trained after it was committed.
    private const string Teacher16 = """{ "kind": "teacher", "inputDim": 16, "teacherHidden": [12, 24], "classes": 6, "samples": 4000, "seed": 41, "binding": true }""";
    private const string Teacher20 = """{ "kind": "teacher", "inputDim": 20, "teacherHidden": [32, 12], "classes": 5, "samples": 4000, "seed": 43, "binding": true }""";
    private const string Teacher10 = """{ "kind": "teacher", "inputDim": 10, "teacherHidden": [20, 6], "classes": 4, "samples": 4000, "seed": 47, "binding": true }""";
    private const string Teacher26 = """{ "kind": "teacher", "inputDim": 26, "teacherHidden": [8, 30], "classes": 6, "samples": 4000, "seed": 53, "binding": true }""";
    private const string Teacher8 = """{ "kind": "teacher", "inputDim": 8, "teacherHidden": [5, 16], "classes": 3, "samples": 4000, "seed": 59, "binding": true }""";
    private const string Fashion = """{ "kind": "idx", "path": "{fashion}", "classes": 10, "maxTrainSamples": 12000 }""";

    private static readonly int[] GridWidths = [4, 8, 16, 32, 64, 128];
    private static readonly ConcurrentDictionary<string, Lazy<Task<JsonElement>>> Runs = new();

    [Theory]
    [InlineData(Teacher16, new[] { 32, 32 })]
    [InlineData(Teacher20, new[] { 64, 32 })]
    [InlineData(Teacher10, new[] { 32, 32 })]
    [InlineData(Teacher26, new[] { 16, 16 })]
    [InlineData(Teacher8, new[] { 16, 16 })]
    [InlineData(Fashion, new[] { 16, 8 })]
    public async Task RecommendVerify_HeldOutDataSet_EveryLayerWithinOneGridStepOfItsKneeAtATenthOfTheSweepsCompute(string dataset, int[] knees)
    {
        var root = await RecommendAsync(dataset);

        var widths = root.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("width").GetInt32()).ToArray();
        var steps = widths.Zip(knees, (w, k) => Math.Abs(Math.Log2(GridWidths.FirstOrDefault(g => g >= w, 128)) - Math.Log2(k))).ToArray();
        Assert.True(steps.All(s => s <= 1), $"recommended {string.Join('-', widths)} against the per-layer knee {string.Join('-', knees)}: {string.Join('/', steps)} steps");
        Assert.True(root.GetProperty("verification").GetProperty("shapes").GetArrayLength() > 1);
        Assert.InRange(root.GetProperty("compute").GetProperty("fraction").GetDouble(), 0, 0.10);
    }

    [Theory]
    [InlineData(Teacher20, "fc2")]
    [InlineData(Teacher10, "fc2")]
    [InlineData(Teacher16, "fc1", Skip = "known miss (docs/sizing.md): names fc2 (10 vs 12 directions in the half-width probe), the planted layer (12 wide) is the first")]
    [InlineData(Teacher26, "fc1", Skip = "known miss (docs/sizing.md): names fc2 (9 vs 11 directions in the half-width probe), the planted layer (8 wide) is the first")]
    [InlineData(Teacher8, "fc1", Skip = "known miss (docs/sizing.md): names fc2 (4 vs 5 directions in the half-width probe), the planted layer (5 wide) is the first")]
    public async Task RecommendVerify_HeldOutBindingTeacher_NamesThePlantedBottleneckAtATenthOfTheSweepsCompute(string dataset, string planted)
    {
        var root = await RecommendAsync(dataset);

        Assert.Equal(planted, root.GetProperty("bottleneck").GetString());
        Assert.Contains($"{planted} is the bottleneck", root.GetProperty("bottleneckReason").GetString(), StringComparison.Ordinal);
        Assert.InRange(root.GetProperty("compute").GetProperty("fraction").GetDouble(), 0, 0.10);
    }

    // One real run per data set, shared by both checks.
    private static Task<JsonElement> RecommendAsync(string dataset)
    {
        if (dataset.Contains("{fashion}", StringComparison.Ordinal))
        {
            SystemPackage.FashionMnist.Require();
            dataset = dataset.Replace("{fashion}", SystemPackage.FashionMnist.Path, StringComparison.Ordinal);
        }
        return Runs.GetOrAdd(dataset, d => new Lazy<Task<JsonElement>>(() => RunAsync(d))).Value;
    }

    private static async Task<JsonElement> RunAsync(string dataset)
    {
        var spec = Path.Combine(Directory.CreateTempSubdirectory("capgrid-validate-").FullName, "spec.json");
        await File.WriteAllTextAsync(spec, $$"""{ "name": "v", "dataset": {{dataset}}, {{Sweep}} }""");
        var run = await CliRun.InvokeAsync("recommend", spec, "--sweep", spec, "--learning-rate", "0.01", "--verify", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        return doc.RootElement.Clone();
    }
}

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
    // The grid bench sizing measured the knees on, as deep as the data set's sweep.
    private static string Sweep(int depth) => $$"""
        "grid": { "widths": [4, 8, 16, 32, 64, 128], "depths": [{{depth}}], "seeds": [1, 2] },
        "training": { "epochs": 15, "optimizer": "adam", "learningRate": 0.01, "batchSize": 64 }
        """;

    // Held out from choosing session 6's rule (idle half width, ReLU headroom): first trained after it was committed.
    private const string Teacher16 = """{ "kind": "teacher", "inputDim": 16, "teacherHidden": [12, 24], "classes": 6, "samples": 4000, "seed": 41, "binding": true }""";
    private const string Teacher20 = """{ "kind": "teacher", "inputDim": 20, "teacherHidden": [32, 12], "classes": 5, "samples": 4000, "seed": 43, "binding": true }""";
    private const string Teacher10 = """{ "kind": "teacher", "inputDim": 10, "teacherHidden": [20, 6], "classes": 4, "samples": 4000, "seed": 47, "binding": true }""";
    private const string Teacher26 = """{ "kind": "teacher", "inputDim": 26, "teacherHidden": [8, 30], "classes": 6, "samples": 4000, "seed": 53, "binding": true }""";
    private const string Teacher8 = """{ "kind": "teacher", "inputDim": 8, "teacherHidden": [5, 16], "classes": 3, "samples": 4000, "seed": 59, "binding": true }""";
    // Held out from choosing session 8's bottleneck rule (lowest linear CKA with the input): drawn before it was chosen,
    // first trained after it was committed (bench sizing-bottleneck held-out). The planted layer is the narrowest.
    private const string Teacher18 = """{ "kind": "teacher", "inputDim": 18, "teacherHidden": [6, 20], "classes": 5, "samples": 4000, "seed": 61, "binding": true }""";
    private const string Teacher14 = """{ "kind": "teacher", "inputDim": 14, "teacherHidden": [24, 8], "classes": 4, "samples": 4000, "seed": 67, "binding": true }""";
    private const string Teacher24 = """{ "kind": "teacher", "inputDim": 24, "teacherHidden": [10, 32], "classes": 7, "samples": 4000, "seed": 71, "binding": true }""";
    private const string Teacher12 = """{ "kind": "teacher", "inputDim": 12, "teacherHidden": [16, 5], "classes": 4, "samples": 4000, "seed": 73, "binding": true }""";
    private const string Teacher20b = """{ "kind": "teacher", "inputDim": 20, "teacherHidden": [7, 28], "classes": 6, "samples": 4000, "seed": 79, "binding": true }""";
    private const string Teacher16b = """{ "kind": "teacher", "inputDim": 16, "teacherHidden": [20, 6], "classes": 3, "samples": 4000, "seed": 83, "binding": true }""";
    private const string Teacher30 = """{ "kind": "teacher", "inputDim": 30, "teacherHidden": [9, 24], "classes": 8, "samples": 4000, "seed": 89, "binding": true }""";
    private const string Teacher10b = """{ "kind": "teacher", "inputDim": 10, "teacherHidden": [12, 4], "classes": 4, "samples": 4000, "seed": 97, "binding": true }""";
    // The same, with three hidden layers (probes and sweep three deep too): bench sizing-bottleneck held-out-3.
    private const string Deep12 = """{ "kind": "teacher", "inputDim": 12, "teacherHidden": [40, 5, 40], "classes": 8, "samples": 4000, "seed": 3, "binding": true }""";
    private const string Deep16 = """{ "kind": "teacher", "inputDim": 16, "teacherHidden": [24, 6, 24], "classes": 5, "samples": 4000, "seed": 101, "binding": true }""";
    private const string Deep14 = """{ "kind": "teacher", "inputDim": 14, "teacherHidden": [8, 24, 24], "classes": 6, "samples": 4000, "seed": 103, "binding": true }""";
    private const string Deep20 = """{ "kind": "teacher", "inputDim": 20, "teacherHidden": [24, 24, 6], "classes": 4, "samples": 4000, "seed": 107, "binding": true }""";
    private const string Deep18 = """{ "kind": "teacher", "inputDim": 18, "teacherHidden": [30, 7, 20], "classes": 6, "samples": 4000, "seed": 109, "binding": true }""";
    private const string Deep22 = """{ "kind": "teacher", "inputDim": 22, "teacherHidden": [9, 28, 28], "classes": 5, "samples": 4000, "seed": 113, "binding": true }""";
    // More inputs than the probes' width (bench sizing-bottleneck wide-input), drawn after the CKA rule was committed;
    // tuning data for its ceiling (the plain CKA missed the two planted last).
    private const string Wide64Last = """{ "kind": "teacher", "inputDim": 64, "teacherHidden": [32, 6], "classes": 5, "samples": 4000, "seed": 127, "binding": true }""";
    private const string Wide100Last = """{ "kind": "teacher", "inputDim": 100, "teacherHidden": [24, 8], "classes": 4, "samples": 4000, "seed": 131, "binding": true }""";
    private const string Wide64First = """{ "kind": "teacher", "inputDim": 64, "teacherHidden": [8, 32], "classes": 6, "samples": 4000, "seed": 137, "binding": true }""";
    private const string Wide100First = """{ "kind": "teacher", "inputDim": 100, "teacherHidden": [10, 40], "classes": 5, "samples": 4000, "seed": 139, "binding": true }""";

    // The same, drawn after the ceiling was committed (bench sizing-bottleneck held-out-wide).
    private const string Wide48Last = """{ "kind": "teacher", "inputDim": 48, "teacherHidden": [24, 6], "classes": 4, "samples": 4000, "seed": 149, "binding": true }""";
    private const string Wide80First = """{ "kind": "teacher", "inputDim": 80, "teacherHidden": [8, 24], "classes": 5, "samples": 4000, "seed": 151, "binding": true }""";
    private const string Wide128Last = """{ "kind": "teacher", "inputDim": 128, "teacherHidden": [32, 8], "classes": 6, "samples": 4000, "seed": 157, "binding": true }""";
    private const string Wide56First = """{ "kind": "teacher", "inputDim": 56, "teacherHidden": [6, 28], "classes": 5, "samples": 4000, "seed": 163, "binding": true }""";
    private const string Wide96Last = """{ "kind": "teacher", "inputDim": 96, "teacherHidden": [20, 5], "classes": 3, "samples": 4000, "seed": 167, "binding": true }""";
    private const string Wide72First = """{ "kind": "teacher", "inputDim": 72, "teacherHidden": [12, 36], "classes": 7, "samples": 4000, "seed": 173, "binding": true }""";

    // Held out from every rule (session 8): scikit-learn's raw diabetes file, its SEX column as the label.
    private const string DiabetesSex = """{ "kind": "csv", "path": "{sklearn}/diabetes_data_raw.csv.gz", "label": "1", "header": "none" }""";
    // Held out from every rule (session 9): scikit-learn's boston file, its RAD column (9 values) as the label.
    private const string BostonRad = """{ "kind": "csv", "path": "{sklearn}/boston_house_prices.csv", "label": "RAD" }""";
    // Tuning data for session 5's and 6's width rules (bench sizing tuning-2), whose knees the rule meets.
    private const string Wine = """{ "kind": "csv", "path": "{sklearn}/wine_data.csv" }""";
    private const string Digits = """{ "kind": "csv", "path": "{sklearn}/digits.csv.gz" }""";
    private const string Fashion = """{ "kind": "idx", "path": "{fashion}", "classes": 10, "maxTrainSamples": 12000 }""";
    // Held out from every rule (session 9, bench sizing held-out-2): drawn and committed before session 9 tried a rule.
    private const string Teacher18c = """{ "kind": "teacher", "inputDim": 18, "teacherHidden": [12, 36], "classes": 5, "samples": 4000, "seed": 181, "binding": true }""";
    private const string Teacher14c = """{ "kind": "teacher", "inputDim": 14, "teacherHidden": [40, 10], "classes": 6, "samples": 4000, "seed": 191, "binding": true }""";
    private const string Teacher24c = """{ "kind": "teacher", "inputDim": 24, "teacherHidden": [6, 20], "classes": 4, "samples": 4000, "seed": 193, "binding": true }""";
    private const string Teacher12c = """{ "kind": "teacher", "inputDim": 12, "teacherHidden": [20, 8], "classes": 7, "samples": 4000, "seed": 197, "binding": true }""";
    private const string Teacher30c = """{ "kind": "teacher", "inputDim": 30, "teacherHidden": [16, 48], "classes": 8, "samples": 4000, "seed": 199, "binding": true }""";
    private const string Fashion20k = """{ "kind": "idx", "path": "{fashion}", "classes": 10, "maxTrainSamples": 20000 }""";

    private static readonly int[] GridWidths = [4, 8, 16, 32, 64, 128];
    private static readonly ConcurrentDictionary<string, Lazy<Task<JsonElement>>> Runs = new();

    [Theory]
    [InlineData(Teacher16, new[] { 32, 32 })]
    [InlineData(Teacher20, new[] { 64, 32 })]
    [InlineData(Teacher10, new[] { 32, 32 })]
    [InlineData(Teacher26, new[] { 16, 16 })]
    [InlineData(Teacher8, new[] { 16, 16 })]
    [InlineData(Fashion, new[] { 16, 8 })]
    [InlineData(Teacher18c, new[] { 32, 16 })]
    [InlineData(Teacher14c, new[] { 64, 64 })]
    [InlineData(Teacher24c, new[] { 16, 16 })]
    [InlineData(Teacher12c, new[] { 32, 32 })]
    [InlineData(Teacher30c, new[] { 32, 32 })]
    [InlineData(Fashion20k, new[] { 16, 32 })]
    [InlineData(DiabetesSex, new[] { 4, 4 }, Skip = "known miss (docs/sizing.md): recommends 16-16, 2 steps above the knee 4-4 in each layer; the grid's 4-4 to 32-32 are within 1.7 pp (1.5 of 88 test rows) of each other, one row is more than the 0.8 pp tolerance")]
    public async Task RecommendVerify_HeldOutDataSet_EveryLayerWithinOneGridStepOfItsKneeAtATenthOfTheSweepsCompute(string dataset, int[] knees)
    {
        var root = await RecommendAsync(dataset);

        AssertWithinOneStepOfEveryKnee(root, knees);
    }

    [Theory]
    [InlineData(Wine, new[] { 16, 8 })]
    [InlineData(Digits, new[] { 32, 64 })]
    [InlineData(BostonRad, new[] { 128, 128 }, Skip = "known miss (docs/sizing.md): recommends 16-16, 3 steps below the knee 128-128 in each layer; the grid's accuracy still rises at its widest (0.74 at 64, 0.83 at 128, 15 epochs on 354 rows), while both probes' layers settled at 4-8 directions")]
    public async Task RecommendVerify_ScikitLearnFile_EveryLayerWithinOneGridStepOfItsKneeAtATenthOfTheSweepsCompute(string dataset, int[] knees)
    {
        // Wine and digits were tuning data for the width rule (wine is recommended depth 1; each probe layer's width is checked);
        // boston was held out from it.
        var root = await RecommendAsync(dataset);

        AssertWithinOneStepOfEveryKnee(root, knees);
    }

    [Theory]
    [InlineData(Teacher20, "fc2")]
    [InlineData(Teacher10, "fc2")]
    [InlineData(Teacher16, "fc1")]
    [InlineData(Teacher26, "fc1")]
    [InlineData(Teacher8, "fc1")]
    public async Task RecommendVerify_SessionSixBindingTeacher_NamesThePlantedBottleneckAtATenthOfTheSweepsCompute(string dataset, string planted)
    {
        // Tuning data for the bottleneck rule (the old rule missed the three first-layer ones); held out for the widths.
        var root = await RecommendAsync(dataset);

        Assert.Equal(planted, root.GetProperty("bottleneck").GetString());
        Assert.Contains($"{planted} is the bottleneck", root.GetProperty("bottleneckReason").GetString(), StringComparison.Ordinal);
        Assert.InRange(root.GetProperty("compute").GetProperty("fraction").GetDouble(), 0, 0.10);
    }

    [Theory]
    [InlineData(Teacher14c, "fc2")]
    [InlineData(Teacher24c, "fc1")]
    [InlineData(Teacher12c, "fc2")]
    [InlineData(Teacher30c, "fc1")]
    [InlineData(Teacher18c, "fc1", Skip = "known miss (docs/sizing.md): names fc2 (linear CKA with its input 0.66 against fc1's 0.67 in the 32-wide probe), the planted layer is fc1 (12 wide against fc2's 36)")]
    public async Task RecommendVerify_SessionNineHeldOutTeacher_NamesThePlantedBottleneckAtATenthOfTheSweepsCompute(string dataset, string planted) =>
        AssertNamesThePlantedLayer(await RecommendAsync(dataset), planted);

    [Theory]
    [InlineData(Teacher18, "fc1")]
    [InlineData(Teacher14, "fc2")]
    [InlineData(Teacher24, "fc1")]
    [InlineData(Teacher12, "fc2")]
    [InlineData(Teacher20b, "fc1")]
    [InlineData(Teacher16b, "fc2")]
    [InlineData(Teacher30, "fc1")]
    [InlineData(Teacher10b, "fc2")]
    [InlineData(Deep12, "fc2")]
    [InlineData(Deep16, "fc2")]
    [InlineData(Deep14, "fc1")]
    [InlineData(Deep20, "fc3", Skip = "known miss (docs/sizing.md): names fc2 (linear CKA with its input 0.59, fc3's 0.88), the planted layer (6 wide) is the last of three")]
    [InlineData(Deep18, "fc2")]
    [InlineData(Deep22, "fc1")]
    [InlineData(Wide48Last, "fc2")]
    [InlineData(Wide80First, "fc1")]
    [InlineData(Wide128Last, "fc2", Skip = "known miss (docs/sizing.md): names fc1 (linear CKA 0.25 with its 125 input directions, 0.70 of the 0.36 a 16-wide layer can reach, against fc2's 0.72)")]
    [InlineData(Wide56First, "fc1")]
    [InlineData(Wide96Last, "fc2")]
    [InlineData(Wide72First, "fc1")]
    public async Task Recommend_BindingTeacherHeldOutFromTheBottleneckRule_NamesThePlantedLayerAtATenthOfTheSweepsCompute(string dataset, string planted) =>
        AssertNamesThePlantedLayer(await RecommendAsync(dataset, verify: false), planted);

    [Theory]
    [InlineData(Wide64First, "fc1")]
    [InlineData(Wide100First, "fc1")]
    [InlineData(Wide64Last, "fc2")]
    [InlineData(Wide100Last, "fc2")]
    public async Task Recommend_WideInputTeacherTheCkaCeilingWasTunedOn_NamesThePlantedLayerAtATenthOfTheSweepsCompute(string dataset, string planted) =>
        AssertNamesThePlantedLayer(await RecommendAsync(dataset, verify: false), planted);

    private static void AssertNamesThePlantedLayer(JsonElement root, string planted)
    {
        Assert.Equal(planted, root.GetProperty("bottleneck").GetString());
        Assert.StartsWith($"{planted} is the bottleneck: its output is least like its input", root.GetProperty("bottleneckReason").GetString(), StringComparison.Ordinal);
        Assert.InRange(root.GetProperty("compute").GetProperty("fraction").GetDouble(), 0, 0.10);
    }

    // Every recommended layer within one grid step of its own knee (a shallower recommendation in the layers it has),
    // a star trained, and probes plus star within a tenth of the sweep's compute.
    private static void AssertWithinOneStepOfEveryKnee(JsonElement root, int[] knees)
    {
        var widths = root.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("width").GetInt32()).ToArray();
        var steps = widths.Zip(knees, (w, k) => Math.Abs(Math.Log2(GridWidths.FirstOrDefault(g => g >= w, 128)) - Math.Log2(k))).ToArray();
        Assert.True(steps.All(s => s <= 1), $"recommended {string.Join('-', widths)} against the per-layer knee {string.Join('-', knees)}: {string.Join('/', steps)} steps");
        Assert.True(root.GetProperty("verification").GetProperty("shapes").GetArrayLength() > 1);
        Assert.InRange(root.GetProperty("compute").GetProperty("fraction").GetDouble(), 0, 0.10);
    }

    // One real run per data set (and --verify or not), shared by the checks.
    private static Task<JsonElement> RecommendAsync(string dataset, bool verify = true)
    {
        if (dataset.Contains("{fashion}", StringComparison.Ordinal))
        {
            SystemPackage.FashionMnist.Require();
            dataset = dataset.Replace("{fashion}", SystemPackage.FashionMnist.Path, StringComparison.Ordinal);
        }
        if (dataset.Contains("{sklearn}", StringComparison.Ordinal))
        {
            SystemPackage.SklearnData.Require();
            dataset = dataset.Replace("{sklearn}", SystemPackage.SklearnData.Path, StringComparison.Ordinal);
        }
        return Runs.GetOrAdd($"{verify} {dataset}", _ => new Lazy<Task<JsonElement>>(() => RunAsync(dataset, verify))).Value;
    }

    private static async Task<JsonElement> RunAsync(string dataset, bool verify)
    {
        var spec = Path.Combine(Directory.CreateTempSubdirectory("capgrid-validate-").FullName, "spec.json");
        using var parsed = JsonDocument.Parse(dataset);
        // The sweep (and so the probes) as deep as a teacher, two hidden layers otherwise.
        var depth = parsed.RootElement.TryGetProperty("teacherHidden", out var hidden) ? hidden.GetArrayLength() : 2;
        await File.WriteAllTextAsync(spec, $$"""{ "name": "v", "dataset": {{dataset}}, {{Sweep(depth)}} }""");
        string[] args = ["recommend", spec, "--sweep", spec, "--learning-rate", "0.01", "--json"];
        var run = await CliRun.InvokeAsync(verify ? [.. args, "--verify"] : args);
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        return doc.RootElement.Clone();
    }
}

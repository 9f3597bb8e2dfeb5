using System.Text.Json;
using CapacityGrid.Tests.Shared;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>
/// The recommendation against the grid's knee on data sets held out from choosing the rule. The knees were measured
/// by the full sweep of <c>bench sizing</c> (uniform widths 4-128 x depth 2 x seeds 1-2, 15 epochs; docs/sizing.md),
/// not in the test: a sweep per data set would cost minutes of the suite. The probe trains here, for real.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class RecommendValidationTests
{
    private static readonly int[] GridWidths = [4, 8, 16, 32, 64, 128];

    [Theory]
    [InlineData("""{ "kind": "teacher", "inputDim": 20, "teacherHidden": [24, 6], "classes": 6, "samples": 4000, "seed": 5, "binding": true }""", 32)]
    [InlineData("""{ "kind": "teacher", "inputDim": 10, "teacherHidden": [4, 16], "classes": 5, "samples": 4000, "seed": 2, "binding": true }""", 16)]
    [InlineData("""{ "kind": "csv", "path": "{sklearn}/wine_data.csv" }""", 16)]
    public async Task Recommend_HeldOutDataSet_EveryLayerWithinOneGridStepOfTheSweepsKneeAtATenthOfItsCompute(string dataset, int knee)
    {
        if (dataset.Contains("{sklearn}", StringComparison.Ordinal))
        {
            dataset = dataset.Replace("{sklearn}", SystemPackage.SklearnData.Path, StringComparison.Ordinal);
            SystemPackage.SklearnData.Require();
        }
        var spec = Path.Combine(Directory.CreateTempSubdirectory("capgrid-validate-").FullName, "spec.json");
        await File.WriteAllTextAsync(spec, $$"""
            { "name": "v", "dataset": {{dataset}},
              "grid": { "widths": [4, 8, 16, 32, 64, 128], "depths": [2], "seeds": [1, 2] },
              "training": { "epochs": 15, "optimizer": "adam", "learningRate": 0.01, "batchSize": 64 } }
            """, TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("recommend", spec, "--sweep", spec, "--learning-rate", "0.01", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        var hidden = root.GetProperty("hidden").EnumerateArray().Select(w => w.GetInt32()).ToArray();
        var steps = hidden.Select(w => Math.Abs(Math.Log2(GridWidths.FirstOrDefault(g => g >= w, 128)) - Math.Log2(knee))).ToArray();
        Assert.True(steps.All(s => s <= 1), $"recommended {string.Join('-', hidden)} against the knee {knee}-{knee}: {string.Join('/', steps)} steps");
        Assert.InRange(root.GetProperty("compute").GetProperty("fraction").GetDouble(), 0, 0.10);
    }
}

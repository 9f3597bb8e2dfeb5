using System.Text.Json;
using CapacityGrid.Client.Cli.Recommend;

namespace CapacityGrid.Client.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class RecommendCommandTests
{
    private const string Teacher = """{ "kind": "teacher", "inputDim": 8, "teacherHidden": [16], "classes": 3, "samples": 800, "seed": 4 }""";

    [Fact]
    public async Task Recommend_TinyTeacherWithJson_PrintsAWidthPerLayerWithEvidenceAndLessComputeThanTheSweep()
    {
        var dataset = Path.Combine(Directory.CreateTempSubdirectory("capgrid-recommend-").FullName, "teacher.json");
        await File.WriteAllTextAsync(dataset, Teacher, TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("recommend", dataset, "--probe-width", "64", "--probe-depth", "2", "--epochs", "3", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("probe 64-64 epoch 3/3", run.Error);
        Assert.Contains("probe 32-32 epoch 3/3", run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(2, layers.Count);
        Assert.All(layers, l =>
        {
            Assert.Equal(64, l.GetProperty("probeWidth").GetInt32());
            Assert.Equal(32, l.GetProperty("halfWidth").GetInt32());
            Assert.Contains(l.GetProperty("width").GetInt32(), RecommendCommand.DefaultSweep.Widths);
            Assert.True(l.GetProperty("dimension").GetDouble() > 0);
        });
        var hidden = root.GetProperty("hidden").EnumerateArray().Select(w => w.GetInt32()).ToArray();
        Assert.Equal(hidden.Length, root.GetProperty("depth").GetInt32());
        Assert.Equal(layers[0].GetProperty("width").GetInt32(), hidden[0]);
        Assert.StartsWith($"depth {hidden.Length}: ", root.GetProperty("depthReason").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("bottleneck").GetString(), new[] { "fc1", "fc2" });
        var compute = root.GetProperty("compute");
        Assert.Equal(root.GetProperty("trainSamples").GetInt64() * 3 * 2, compute.GetProperty("probeSampleEpochs").GetInt64());
        Assert.Equal(54, compute.GetProperty("sweepPoints").GetInt32());
        Assert.InRange(compute.GetProperty("fraction").GetDouble(), 1e-6, 0.10);
        Assert.Equal(0.10 * compute.GetProperty("sweepMultiplyAdds").GetDouble(), compute.GetProperty("budgetMultiplyAdds").GetDouble(), 1e-6);
    }

    [Fact]
    public async Task Recommend_WithASweepSpec_PlansTheProbeWithinATenthOfThatSweepAndSaysSo()
    {
        var spec = await WriteSpecAsync(Teacher, TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("recommend", spec, "--sweep", spec, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var compute = doc.RootElement.GetProperty("compute");
        var sweep = compute.GetProperty("sweepMultiplyAdds").GetDouble();
        Assert.Equal(16, compute.GetProperty("sweepPoints").GetInt32());
        Assert.Equal(0.10 * sweep, compute.GetProperty("budgetMultiplyAdds").GetDouble(), 1e-6);
        Assert.InRange(compute.GetProperty("probeMultiplyAdds").GetDouble(), 0.01 * sweep, 0.10 * sweep);
        Assert.Equal("10 % of the sweep", compute.GetProperty("budget").GetString());
        Assert.Contains("budget", run.Error);
    }

    [Fact]
    public async Task Recommend_WithVerify_TrainsAStarOfOneLayerAtATimeAndCountsItInTheFraction()
    {
        var spec = await WriteSpecAsync(Teacher, TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("recommend", spec, "--sweep", spec, "--verify", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        var hidden = root.GetProperty("hidden").EnumerateArray().Select(w => w.GetInt32()).ToArray();
        var verification = root.GetProperty("verification");
        var seeds = verification.GetProperty("seeds").GetInt32();
        var shapes = verification.GetProperty("shapes").EnumerateArray().ToList();
        Assert.Equal(hidden, shapes[0].GetProperty("hidden").EnumerateArray().Select(w => w.GetInt32()));
        Assert.All(Enumerable.Range(0, hidden.Length), l => Assert.Contains(shapes, s => s.TryGetProperty("layer", out var at) && at.ValueKind == JsonValueKind.Number && at.GetInt32() == l && s.GetProperty("scale").GetDouble() == 2));
        foreach (var shape in shapes.Skip(1))
        {
            var widths = shape.GetProperty("hidden").EnumerateArray().Select(w => w.GetInt32()).ToArray();
            var layer = shape.GetProperty("layer").GetInt32();
            var scale = shape.GetProperty("scale").GetDouble();
            Assert.Equal(seeds, shape.GetProperty("testAccuracies").GetArrayLength());
            Assert.Equal(Math.Max(1, (int)Math.Round(hidden[layer] * scale)), widths[layer]);
            Assert.All(Enumerable.Range(0, hidden.Length).Where(l => l != layer), l => Assert.Equal(hidden[l], widths[l]));
        }
        var best = shapes.Max(s => s.GetProperty("meanTestAccuracy").GetDouble());
        var mine = shapes[0].GetProperty("meanTestAccuracy").GetDouble();
        Assert.Equal(mine >= best - verification.GetProperty("tolerance").GetDouble(), verification.GetProperty("confirmed").GetBoolean());
        var compute = root.GetProperty("compute");
        Assert.True(compute.GetProperty("verifyMultiplyAdds").GetDouble() > 0);
        Assert.InRange(compute.GetProperty("fraction").GetDouble(), 0, 0.10);
        Assert.Equal(
            (compute.GetProperty("probeMultiplyAdds").GetDouble() + compute.GetProperty("verifyMultiplyAdds").GetDouble()) / compute.GetProperty("sweepMultiplyAdds").GetDouble(),
            compute.GetProperty("fraction").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task Recommend_SweepSpecOfAnotherDataset_ExitsWithTwoNamingTheSweepAndWritesNothing()
    {
        var token = TestContext.Current.CancellationToken;
        var probe = await WriteSpecAsync(Teacher, token);
        var other = await WriteSpecAsync(Teacher.Replace("\"seed\": 4", "\"seed\": 5", StringComparison.Ordinal), token);

        var run = await CliRun.InvokeAsync("recommend", probe, "--sweep", other);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("capgrid: --sweep: the sweep's dataset", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Empty(run.Output);
    }

    [Theory]
    [InlineData("no-such-file.csv", "--depth", "1", "dataset")]
    [InlineData("no-such-file.csv", "--depth", "0", "--depth")]
    [InlineData("no-such-file.csv", "--budget", "0", "--budget")]
    [InlineData("no-such-file.csv", "--budget", "-3", "--budget")]
    [InlineData("no-such-file.csv", "--budget-fraction", "0", "--budget-fraction")]
    [InlineData("no-such-file.csv", "--probe-depth", "0", "--probe-depth")]
    public async Task Recommend_BadInput_ExitsWithTwoNamingTheCulprit(string source, string option, string value, string named)
    {
        var run = await CliRun.InvokeAsync("recommend", source, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error);
        Assert.Empty(run.Output);
    }

    [Theory]
    [InlineData(new[] { "--depth", "3" }, "capgrid: --depth: 3 is above the probe's depth 2 (--probe-depth)")]
    [InlineData(new[] { "--depth", "2", "--probe-depth", "1" }, "capgrid: --depth: 2 is above the probe's depth 1 (--probe-depth)")]
    public async Task Recommend_DepthAboveTheProbes_ExitsWithTwoNamingTheDepthAndWritesNothing(string[] options, string line)
    {
        var spec = await WriteSpecAsync(Teacher, TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["recommend", spec, "--sweep", spec, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(line, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Recommend_WithALawPredictingALargeKnee_RaisesEveryLowerBoundLayerToItsWidthAndSaysSo()
    {
        var token = TestContext.Current.CancellationToken;
        var spec = await WriteSpecAsync(Teacher, token);
        var law = Path.Combine(Path.GetDirectoryName(spec)!, "law.json");
        await File.WriteAllTextAsync(law, """
            { "capacity": "parameters", "experiments": [],
              "fits": [ { "estimate": "labelEntropy", "coefficient": 1000, "exponent": 1, "meanLeaveOneOutSteps": 0.5 } ] }
            """, token);

        var run = await CliRun.InvokeAsync("recommend", spec, "--sweep", spec, "--law", law, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        var prior = root.GetProperty("law");
        Assert.Equal("labelEntropy", prior.GetProperty("estimate").GetString());
        Assert.Equal(64, prior.GetProperty("width").GetInt32());
        var lowerBounds = root.GetProperty("layers").EnumerateArray().Where(l => l.GetProperty("saturated").GetBoolean()).ToList();
        Assert.All(lowerBounds, l => Assert.Equal(64, l.GetProperty("width").GetInt32()));
        Assert.Subset(lowerBounds.Select(l => l.GetProperty("name").GetString()).ToHashSet(),
            prior.GetProperty("raised").EnumerateArray().Select(n => n.GetString()).ToHashSet());
        Assert.Contains("labelEntropy fit", root.GetProperty("lawNote").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recommend_LawWithAnEstimateRelateCouldNotFit_UsesTheFitsItHas()
    {
        var token = TestContext.Current.CancellationToken;
        var spec = await WriteSpecAsync(Teacher, token);
        var law = Path.Combine(Path.GetDirectoryName(spec)!, "law.json");
        // relate writes an estimate too few experiments had with nulls and its reason; that fit would have been best.
        await File.WriteAllTextAsync(law, """
            { "capacity": "parameters", "experiments": [],
              "fits": [ { "estimate": "prequential", "experiments": 2, "coefficient": null, "exponent": null, "rSquared": null,
                          "meanLeaveOneOutSteps": null, "maxLeaveOneOutSteps": null, "residuals": [], "reason": "2 experiments have it; a fit needs 3" },
                        { "estimate": "labelEntropy", "experiments": 3, "coefficient": 1000, "exponent": 1, "rSquared": 0.9,
                          "meanLeaveOneOutSteps": 0.5, "maxLeaveOneOutSteps": 0.7, "residuals": [] } ] }
            """, token);

        var run = await CliRun.InvokeAsync("recommend", spec, "--sweep", spec, "--law", law, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.Equal("labelEntropy", doc.RootElement.GetProperty("law").GetProperty("estimate").GetString());
    }

    [Fact]
    public async Task Recommend_LawOfArchitectureBits_ExitsWithTwoSayingWhichLawItNeeds()
    {
        var token = TestContext.Current.CancellationToken;
        var spec = await WriteSpecAsync(Teacher, token);
        var law = Path.Combine(Path.GetDirectoryName(spec)!, "law.json");
        await File.WriteAllTextAsync(law, """{ "capacity": "architectureBits", "experiments": [], "fits": [] }""", token);

        var run = await CliRun.InvokeAsync("recommend", spec, "--law", law);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"capgrid: --law: '{law}' is a law of architectureBits; recommend uses a law of parameters (relate --capacity parameters)", run.Error.Trim());
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Recommend_LawThatIsNoLaw_ExitsWithTwoNamingTheLawAndWritesNothing()
    {
        var spec = await WriteSpecAsync(Teacher, TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("recommend", spec, "--law", spec);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("capgrid: --law: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Recommend_BudgetBelowTheSmallestProbe_ExitsWithTwoNamingTheBudget()
    {
        var spec = await WriteSpecAsync(Teacher, TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("recommend", spec, "--budget", "1000");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("capgrid: --budget: 1.00e3 multiply-adds leave 6.00e2 for the probes, which cannot train even the smallest probe", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    private static async Task<string> WriteSpecAsync(string dataset, CancellationToken token)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("capgrid-recommend-").FullName, "spec.json");
        await File.WriteAllTextAsync(path, $$"""
            { "name": "r", "dataset": {{dataset}},
              "grid": { "widths": [8, 16, 32, 64], "depths": [1, 2], "seeds": [1, 2] },
              "training": { "epochs": 4, "optimizer": "adam", "learningRate": 0.01, "batchSize": 64 } }
            """, token);
        return path;
    }
}

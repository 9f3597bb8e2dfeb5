using System.Text.Json;
using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Client.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class MeasureModelCommandTests : IDisposable
{
    // The quickstart's shape (16 inputs, 4 classes), so its spec can serve as --data.
    private static readonly MlpSpec Spec = new(16, [12, 8], 4);
    private static readonly string Quickstart = Path.Combine(CliRun.RepoRoot(), "examples", "quickstart.json");
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-measure-model-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task MeasureModel_WithJson_ReportsEveryLayerTheExactParameterCountAndTheCapacityProfile()
    {
        var checkpoint = TrainCheckpoint();

        var run = await CliRun.InvokeAsync("measure", "model", checkpoint, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("NaN", run.Output);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        Assert.Equal("16-12-8-4 relu", root.GetProperty("model").GetString());
        Assert.Equal(2, root.GetProperty("epoch").GetInt32());
        var weights = root.GetProperty("weights");
        Assert.Equal(16 * 12 + 12 + 12 * 8 + 8 + 8 * 4 + 4, weights.GetProperty("parameterCount").GetInt64());
        var layers = weights.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["fc1", "fc2", "out"], layers.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal([(12, 16), (8, 12), (4, 8)], layers.Select(l => (l.GetProperty("rows").GetInt32(), l.GetProperty("cols").GetInt32())));
        var capacity = weights.GetProperty("capacity");
        Assert.Equal(16, capacity.GetProperty("inputDimension").GetInt32());
        Assert.Equal(3, capacity.GetProperty("layers").GetArrayLength());
        Assert.True(capacity.GetProperty("totalBits").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("probe").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pruning").ValueKind);
    }

    [Fact]
    public async Task MeasureModel_OfLayersWithFewerThan50Eigenvalues_FlagsAlphaInvalidWithAReason()
    {
        var checkpoint = TrainCheckpoint();

        var run = await CliRun.InvokeAsync("measure", "model", checkpoint, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.All(doc.RootElement.GetProperty("weights").GetProperty("layers").EnumerateArray(), layer =>
        {
            Assert.Equal(JsonValueKind.Null, layer.GetProperty("alpha").ValueKind);
            Assert.Contains("needs at least 50", layer.GetProperty("alphaNote").GetString());
            Assert.Equal(layer.GetProperty("alphaNote").GetString(), layer.GetProperty("powerLaw").GetProperty("invalidReason").GetString());
            Assert.True(layer.GetProperty("stableRank").GetDouble() >= 1);
            Assert.True(layer.GetProperty("entropyBitsPerWeight").GetDouble() > 0);
        });
    }

    [Fact]
    public async Task MeasureModel_WithoutJson_PrintsOneRowPerLayerTotalsAndTheAlphaReason()
    {
        var checkpoint = TrainCheckpoint();

        var run = await CliRun.InvokeAsync("measure", "model", checkpoint);

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Split(Environment.NewLine);
        Assert.Contains(lines, l => l.StartsWith("layer ", StringComparison.Ordinal) && l.Contains("entropy bits/weight") && l.Contains("capacity bits"));
        Assert.Contains(lines, l => l.StartsWith("fc1 ", StringComparison.Ordinal) && l.Contains("12x16") && l.Contains(" 204 "));
        Assert.Contains(lines, l => l.StartsWith("out ", StringComparison.Ordinal) && l.Contains("4x8"));
        Assert.Contains(lines, l => l.StartsWith("total ", StringComparison.Ordinal) && l.Contains(" 344 "));
        Assert.Contains("alpha -: fc1: only 12 eigenvalues", run.Output);
        Assert.Contains("alpha -: out: only 4 eigenvalues", run.Output);
    }

    [Fact]
    public async Task MeasureModel_WithTheQuickstartSpecAsData_AddsTheSaturationOfEachHiddenLayer()
    {
        var checkpoint = TrainCheckpoint();

        var run = await CliRun.InvokeAsync("measure", "model", checkpoint, "--probe-data", Quickstart, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("NaN", run.Output);
        using var doc = JsonDocument.Parse(run.Output);
        var probe = doc.RootElement.GetProperty("probe");
        Assert.Equal(800, probe.GetProperty("samples").GetInt32());   // the test part: 20 % of 4,000
        var layers = probe.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["fc1", "fc2"], layers.Select(l => l.GetProperty("name").GetString()));
        Assert.All(layers, l => Assert.InRange(l.GetProperty("saturation").GetDouble(), double.Epsilon, 1.0));
        Assert.Contains("quickstart", doc.RootElement.GetProperty("data").GetString());
    }

    [Fact]
    public async Task MeasureModel_WithPrune_ReportsTheCurveAndARemovableFraction()
    {
        var checkpoint = TrainCheckpoint();

        var run = await CliRun.InvokeAsync("measure", "model", checkpoint, "--probe-data", Quickstart, "--prune");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("magnitude pruning: baseline test accuracy", run.Output);
        Assert.Contains("saturation", run.Output);
        Assert.Contains(run.Output.Split(Environment.NewLine), l => l.TrimStart().StartsWith("0.99 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MeasureModel_OfAMissingFile_ExitsWith2NamingIt()
    {
        var missing = Path.Combine(_folder, "epoch-0002.ckpt");

        var run = await CliRun.InvokeAsync("measure", "model", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(missing, run.Error);
        Assert.Contains("not found", run.Error);
    }

    [Fact]
    public async Task MeasureModel_OfAFileThatIsNotACheckpoint_ExitsWith2WithTheFormatErrorAndTheFile()
    {
        var file = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(file, "these are not the weights you are looking for");

        var run = await CliRun.InvokeAsync("measure", "model", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(file, run.Error);
        Assert.Contains("not a CapacityGrid checkpoint", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task MeasureModel_WithDataOfAnotherFeatureCount_ExitsWith2NamingBothSizes()
    {
        var checkpoint = TrainCheckpoint();
        var csv = Path.Combine(_folder, "three.csv");
        File.WriteAllText(csv, "a,b,c,y\n1,2,3,0\n2,1,0,1\n0,0,1,2\n3,3,3,3\n");

        var run = await CliRun.InvokeAsync("measure", "model", checkpoint, "--probe-data", csv);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("16 inputs", run.Error);
        Assert.Contains("3 features", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task MeasureModel_PruneWithoutASpec_ExitsWith2()
    {
        var checkpoint = TrainCheckpoint();

        var run = await CliRun.InvokeAsync("measure", "model", checkpoint, "--prune");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--prune", run.Error);
    }

    // Trains the small MLP for 2 epochs on teacher data of the quickstart's shape and writes the last checkpoint.
    private string TrainCheckpoint()
    {
        var data = DataSplit.Holdout(new TeacherDataset(16, [32, 8], 4, 2000, 0, 7).Generate(), 0.2, 7, "teacher").Standardised();
        var reports = new List<EpochReport>();
        ClassifierTrainer.Train(data, Spec, new TrainOptions(Epochs: 2, LearningRate: 0.003, Device: DeviceKind.Cpu), reports.Add, TestContext.Current.CancellationToken);
        var path = Path.Combine(_folder, "epoch-0002.ckpt");
        File.WriteAllBytes(path, reports[^1].Checkpoint);
        return path;
    }
}

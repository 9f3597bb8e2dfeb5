using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Client.Tests.BadInput;
using CapacityGrid.Grains.Checkpoints;
using CapacityGrid.Tests.Shared;
using static TorchSharp.torch;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>
/// <c>checkpoints</c>, <c>export</c> and <c>measure model</c> reading a finished experiment's checkpoints straight from
/// its blob container in a real Azurite (the grid wrote them: one point, 2 epochs).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ExportFromStorageTests(SharedStorage storage) : IClassFixture<SharedStorage>, IDisposable
{
    private const string Experiment = SharedStorage.ExistingId;
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-export-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Storage => ["--storage", storage.ConnectionString, "--data", Path.Combine(_folder, "data")];

    private async Task<string> PointIdAsync()
    {
        var stored = await new CheckpointStore(new BlobServiceClient(storage.ConnectionString)).ListStoredAsync(Experiment, cancellationToken: TestContext.Current.CancellationToken);
        return Assert.Single(stored.Select(c => c.PointId).Distinct());
    }

    [Fact]
    public async Task Checkpoints_OfAFinishedExperiment_ListsItsPointWithEveryEpochAndItsBytes()
    {
        var point = await PointIdAsync();

        var json = await CliRun.InvokeAsync(["checkpoints", Experiment, "--json", .. Storage]);
        var table = await CliRun.InvokeAsync(["checkpoints", Experiment, .. Storage]);

        Assert.True(json.ExitCode == 0, json.Error);
        using var doc = JsonDocument.Parse(json.Output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal([1, 2], rows.Select(r => r.GetProperty("epoch").GetInt32()));
        Assert.All(rows, r => Assert.Equal(point, r.GetProperty("pointId").GetString()));
        Assert.All(rows, r => Assert.True(r.GetProperty("bytes").GetInt64() > 100));
        Assert.Equal(CheckpointStore.BlobName(point, 2), rows[1].GetProperty("blob").GetString());
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains($"experiment {Experiment}: 2 checkpoints of 1 points", table.Output);
        Assert.Contains(point, table.Output);
        Assert.Contains("1-2", table.Output);
    }

    [Fact]
    public async Task Export_OfAStoredPoint_WritesSafetensorsThatGiveTheStoredModelsLogitsInPyTorch()
    {
        SystemPackage.PyTorch.Require();
        var point = await PointIdAsync();
        var outPath = Path.Combine(_folder, "w.safetensors");

        var run = await CliRun.InvokeAsync(["export", Experiment, point, "--epoch", "1", "--out", outPath, "--json", .. Storage]);

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.Equal(1, doc.RootElement.GetProperty("epoch").GetInt32());
        var payload = await new CheckpointStore(new BlobServiceClient(storage.ConnectionString))
            .ReadAsync(Experiment, CheckpointStore.BlobName(point, 1), TestContext.Current.CancellationToken);
        var checkpoint = CheckpointFormat.Read(payload!);
        var spec = Assert.IsType<MlpSpec>(checkpoint.Spec);
        var input = Enumerable.Range(0, 3 * spec.InputDim).Select(i => MathF.Sin(i * 0.7f)).ToArray();
        var loaded = PyTorchMlp.Run(outPath, input);
        var expected = Logits(spec, checkpoint, input);
        Assert.Equal(expected.Length, loaded["logits"].Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], loaded["logits"][i], 1e-5f);
        }
    }

    [Fact]
    public async Task Export_WithoutAnEpoch_TakesTheNewestStoredCheckpoint()
    {
        var point = await PointIdAsync();

        var run = await CliRun.InvokeAsync(["export", Experiment, point, "--out", Path.Combine(_folder, "w.safetensors"), "--json", .. Storage]);

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.Equal(2, doc.RootElement.GetProperty("epoch").GetInt32());
    }

    [Fact]
    public async Task MeasureModel_OfAStoredPoint_MeasuresTheCheckpointOfThatEpoch()
    {
        var point = await PointIdAsync();

        var run = await CliRun.InvokeAsync(["measure", "model", Experiment, point, "--epoch", "2", "--json", .. Storage]);

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.Equal(2, doc.RootElement.GetProperty("epoch").GetInt32());
        Assert.Contains($"{Experiment}/{point} epoch 2", run.Error);
    }

    [Theory]
    [InlineData("experiment", "capgrid: experiment 'no-such' has no checkpoints in this storage")]
    [InlineData("point", "capgrid: point 'feedfacefeedface' has no checkpoints in experiment 'existing' (stored: ")]
    [InlineData("epoch", "capgrid: --epoch 7: point '{point}' has no checkpoint of that epoch (stored: 1-2)")]
    public async Task Export_OfWhatStorageDoesNotHold_ExitsWith2InOneLineAndWritesNothing(string unknown, string expected)
    {
        var point = await PointIdAsync();
        var outPath = Path.Combine(_folder, "w.safetensors");
        string[] ids = unknown switch
        {
            "experiment" => ["no-such", point],
            "point" => [Experiment, "feedfacefeedface"],
            _ => [Experiment, point, "--epoch", "7"],
        };
        var before = await storage.SnapshotAsync();

        var run = await CliRun.InvokeAsync(["export", .. ids, "--out", outPath, .. Storage]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected.Replace("{point}", point, StringComparison.Ordinal), line);
        Assert.False(File.Exists(outPath));
        Assert.Equal(before, await storage.SnapshotAsync());
    }

    [Fact]
    public async Task Export_OfACheckpointWhoseHashDoesNotMatch_ExitsWith2NamingTheBlobAndWritesNothing()
    {
        var point = await PointIdAsync();
        var service = new BlobServiceClient(storage.ConnectionString);
        var source = service.GetBlobContainerClient($"cg-{Experiment}").GetBlobClient(CheckpointStore.BlobName(point, 2));
        var original = await source.DownloadContentAsync(TestContext.Current.CancellationToken);
        var tampered = original.Value.Content.ToArray();
        tampered[tampered.Length / 2] ^= 0x5a;
        // A copy in an experiment of its own, so the shared experiment stays intact for the other tests.
        var container = service.GetBlobContainerClient("cg-tampered");
        await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        await container.GetBlobClient(CheckpointStore.BlobName(point, 2)).UploadAsync(new BinaryData(tampered),
            new BlobUploadOptions { Metadata = original.Value.Details.Metadata }, TestContext.Current.CancellationToken);
        var outPath = Path.Combine(_folder, "w.safetensors");

        var run = await CliRun.InvokeAsync(["export", "tampered", point, "--out", outPath, .. Storage]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"capgrid: checkpoint {CheckpointStore.BlobName(point, 2)}: SHA-256 ", line);
        Assert.Contains("does not match the stored", line);
        Assert.False(File.Exists(outPath));
    }

    private static float[] Logits(MlpSpec spec, TrainingCheckpoint checkpoint, float[] input)
    {
        using var scope = NewDisposeScope();
        using var model = new Mlp(spec);
        Checkpoints.LoadWeights(model, checkpoint.Weights);
        model.eval();
        using var noGrad = no_grad();
        return model.forward(tensor(input, [input.Length / spec.InputDim, spec.InputDim])).data<float>().ToArray();
    }
}

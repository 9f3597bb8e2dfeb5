using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Storage;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class RunCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Out => Path.Combine(_folder, "out");

    private string Data => Path.Combine(_folder, "data");

    [Fact]
    public async Task Run_TheQuickstartSpec_StartsAzuriteTrainsEveryPointAndWritesTheCapacityMap()
    {
        var (blob, queue, table) = (AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        var storage = StorageEndpoint.AzuriteConnectionString(blob, queue, table);
        var spec = Path.Combine(CliRun.RepoRoot(), "examples", "quickstart.json");

        var run = await CliRun.InvokeAsync("run", spec, "--out", Out, "--data", Data, "--storage", storage, "--id", "quickstart-e2e");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("starting Azurite", run.Error);
        // The training phase lasts well over ExperimentWatch.KneeInterval, so the knee is reported while points still run.
        Assert.Contains("knee so far: ", run.Error);
        Assert.Contains("hidden  depth  seed  params", run.Output);
        var map = JsonSerializer.Deserialize<CapacityMap>(File.ReadAllText(Path.Combine(Out, "quickstart-e2e", "capacity-map.json")), JsonOutput.Options)!;
        Assert.Equal(20, map.Points.Count);
        Assert.All(map.Points, p => Assert.Equal((PointStatus.Finished, 15), (p.Status, p.EpochsDone)));
        Assert.All(map.Points, p => Assert.True(p.ArchitectureCapacityBits > 0 && p.CompressedWeightBits > 0));
        Assert.Contains("dataset measures: best compression", run.Output);
        using (var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "quickstart-e2e", "capacity-map.json"))))
        {
            var root = written.RootElement;
            Assert.Equal(4000, root.GetProperty("datasetMeasures").GetProperty("samples").GetInt32());
            var first = root.GetProperty("points")[0];
            var measures = first.GetProperty("measures");
            Assert.Equal(first.GetProperty("depth").GetInt32() + 1, measures.GetProperty("weights").GetProperty("layers").GetArrayLength());
            Assert.Equal(first.GetProperty("depth").GetInt32(), measures.GetProperty("layers").GetProperty("train").GetProperty("layers").GetArrayLength());
            Assert.InRange(measures.GetProperty("layers").GetProperty("test").GetProperty("layers")[0].GetProperty("saturation").GetDouble(), 0.0, 1.0);
        }
        Assert.Equal(4, map.Dataset.Classes);
        Assert.InRange(map.Dataset.LabelEntropyBits, 1.0, 2.0);
        // Chance is at most the majority share (< 0.5 here); the widest points learn the teacher well above it.
        Assert.True(map.Points.Max(p => p.TestAccuracy) > 0.7, $"best test accuracy {map.Points.Max(p => p.TestAccuracy)}");
        // The run stopped the Azurite it started ...
        Assert.False(await AzuriteLauncher.AnswersAsync(new Uri($"http://127.0.0.1:{blob}/"), TestContext.Current.CancellationToken));
        // ... and left every epoch's checkpoint in the run's storage folder.
        await using var azurite = await AzuriteLauncher.EnsureAsync(storage, Path.Combine(Data, "azurite"), cancellationToken: TestContext.Current.CancellationToken);
        var container = new BlobServiceClient(storage).GetBlobContainerClient(StorageNames.CheckpointContainer("quickstart-e2e"));
        var blobs = new List<string>();
        await foreach (var item in container.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            blobs.Add(item.Name);
        }
        Assert.Equal(20 * 15, blobs.Count);
    }

    [Theory]
    [InlineData("grid.widths", "[0]", "grid.widths[0]")]
    [InlineData("grid.seeds", "[]", "grid.seeds")]
    [InlineData("training.colour", "1", "training.colour")]
    [InlineData("dataset.kind", "\"idx\"", "dataset.path")]
    public async Task Run_AnInvalidSpec_ExitsWith2NamingTheFieldAndCreatesNothing(string path, string json, string field)
    {
        var spec = QuickstartWith(path, json);

        var run = await CliRun.InvokeAsync("run", spec, "--out", Out, "--data", Data);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(field, run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(Out));
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task Run_AnIdxSpecWhoseFolderIsMissing_ExitsWith2NamingTheFolder()
    {
        var spec = QuickstartWith("dataset", """{ "kind": "idx", "path": "/nonexistent/fmnist" }""");

        var run = await CliRun.InvokeAsync("run", spec, "--out", Out, "--data", Data);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("dataset.path: folder '/nonexistent/fmnist' not found", run.Error);
        Assert.False(Directory.Exists(Data));
    }

    // The quickstart spec with the field at a dotted path set to some JSON, written to a file of the test's.
    private string QuickstartWith(string path, string json)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(CliRun.RepoRoot(), "examples", "quickstart.json")))!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(root, (node, key) => node[key]!);
        parent[parts[^1]] = JsonNode.Parse(json);
        var file = Path.Combine(_folder, "spec.json");
        File.WriteAllText(file, root.ToJsonString());
        return file;
    }

    [Fact]
    public async Task Run_AMissingSpecFile_ExitsWith2NamingTheFile()
    {
        var run = await CliRun.InvokeAsync("run", Path.Combine(_folder, "nope.json"), "--out", Out, "--data", Data);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.json", run.Error);
        Assert.Contains("not found", run.Error);
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task Run_AnUnknownOption_ExitsWith2()
    {
        var run = await CliRun.InvokeAsync("run", "x.json", "--colour", "red");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--colour", run.Error);
    }

    [Fact]
    public async Task Run_WhenAzuriteCannotBeFound_ExitsWith3SayingHowToFixIt()
    {
        var spec = Path.Combine(CliRun.RepoRoot(), "examples", "quickstart.json");
        var silent = StorageEndpoint.AzuriteConnectionString(AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        Environment.SetEnvironmentVariable(AzuriteLocator.EnvironmentVariable, Path.Combine(_folder, "no-azurite-here"));
        try
        {
            var run = await CliRun.InvokeAsync("run", spec, "--out", Out, "--data", Data, "--storage", silent);

            Assert.Equal(3, run.ExitCode);
            Assert.Contains(AzuriteLocator.EnvironmentVariable, run.Error);
            Assert.Contains("no such file", run.Error);
            Assert.False(Directory.Exists(Out));
        }
        finally
        {
            Environment.SetEnvironmentVariable(AzuriteLocator.EnvironmentVariable, null);
        }
    }

    [Fact]
    public async Task Run_WithAMalformedConnectionString_ExitsWith3WithoutEchoingIt()
    {
        var spec = Path.Combine(CliRun.RepoRoot(), "examples", "quickstart.json");

        var run = await CliRun.InvokeAsync("run", spec, "--out", Out, "--data", Data, "--storage", "Secret=hunter2");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("connection string", run.Error);
        Assert.DoesNotContain("hunter2", run.Error);
    }
}

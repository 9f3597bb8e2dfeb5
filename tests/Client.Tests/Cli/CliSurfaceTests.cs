using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class CliSurfaceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-surface-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("run")]
    [InlineData("submit")]
    [InlineData("watch")]
    [InlineData("status")]
    [InlineData("list")]
    [InlineData("resume")]
    [InlineData("cancel")]
    [InlineData("report")]
    [InlineData("export")]
    [InlineData("checkpoints")]
    [InlineData("measure")]
    [InlineData("silo")]
    public async Task Help_OfEveryCommand_ExitsWith0AndDescribesIt(string command)
    {
        var help = await CliRun.InvokeAsync(command, "--help");

        Assert.True(help.ExitCode == 0, help.Error);
        Assert.Contains($" {command} ", help.Output.Split("Usage:")[1]);
        Assert.Contains("Description:", help.Output);
    }

    [Theory]
    [InlineData("measure", "dataset")]
    [InlineData("recommend", null)]
    [InlineData("relate", null)]
    public async Task Help_OfALocalOnlyCommand_ListsNoClusterOptions(string command, string? subcommand)
    {
        var help = await CliRun.InvokeAsync([command, .. subcommand is null ? Array.Empty<string>() : [subcommand], "--help"]);

        Assert.True(help.ExitCode == 0, help.Error);
        Assert.DoesNotContain("--cluster", help.Output);
        Assert.DoesNotContain("--storage", help.Output);
        Assert.DoesNotContain("--data ", help.Output);
    }

    [Fact]
    public async Task Help_OfMeasureModel_NamesItsProbeOptionAsItIsSpelled()
    {
        var help = await CliRun.InvokeAsync("measure", "model", "--help");

        Assert.Contains("--probe-data", help.Output);
        Assert.Contains("Probe the hidden layers on this data", help.Output);
    }

    [Fact]
    public async Task Help_OfMeasureModel_ListsWhereStorageIsButNoClusterOptions()
    {
        var help = await CliRun.InvokeAsync("measure", "model", "--help");

        Assert.True(help.ExitCode == 0, help.Error);
        Assert.Contains("--storage", help.Output);
        Assert.Contains("--data ", help.Output);
        Assert.DoesNotContain("--cluster", help.Output);
        Assert.DoesNotContain("--slots", help.Output);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("export")]
    public async Task Help_OfAStorageCommand_StillListsTheClusterOptions(string command)
    {
        var help = await CliRun.InvokeAsync(command, "--help");

        Assert.Contains("--storage", help.Output);
        Assert.Contains("--cluster", help.Output);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("list")]
    [InlineData("watch")]
    [InlineData("export")]
    [InlineData("checkpoints")]
    [InlineData("report")]
    public async Task Help_OfEveryReadingCommand_OffersJson(string command)
    {
        var help = await CliRun.InvokeAsync(command, "--help");

        Assert.Contains("--json", help.Output);
    }

    [Fact]
    public async Task Silo_StartedByTheCli_ServesARunFromAnotherClientUntilCancelled()
    {
        await using var azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"), cancellationToken: TestContext.Current.CancellationToken);
        var cluster = $"silo-{Guid.NewGuid():N}"[..14];
        string[] connection = ["--cluster", cluster, "--service-id", cluster, "--storage", azurite.ConnectionString];
        var spec = Path.Combine(_folder, "spec.json");
        await File.WriteAllTextAsync(spec, """
            { "name": "silo-cmd", "dataset": { "kind": "teacher", "inputDim": 6, "classes": 3, "samples": 300, "seed": 4 },
              "grid": { "widths": [4, 8], "depths": [1], "seeds": [1] }, "training": { "epochs": 2, "batchSize": 16 } }
            """, TestContext.Current.CancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var siloOutput = new StringWriter();
        using var siloError = new StringWriter();
        var silo = Client.Cli.CapgridCli.RunAsync(
            ["silo", "--silo-port", $"{AzuriteLauncher.FreePort()}", "--gateway-port", $"{AzuriteLauncher.FreePort()}", "--slots", "1", .. connection],
            siloOutput, siloError, stop.Token);

        var run = await CliRun.InvokeAsync(["run", spec, "--id", "silo-cmd", "--out", Path.Combine(_folder, "out"), .. connection]);
        await stop.CancelAsync();
        var siloExit = await silo;

        Assert.True(run.ExitCode == 0, run.Error + siloError);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "silo-cmd", "capacity-map.json")));
        Assert.Equal(2, run.Output.Split('\n').Count(l => l.TrimEnd().EndsWith("finished", StringComparison.Ordinal)));
        Assert.Equal(0, siloExit);
        Assert.Contains($"silo of cluster '{cluster}'", siloError.ToString());
        Assert.Equal(cluster, siloOutput.ToString().Trim());
    }
}

using Azure.Data.Tables;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>
/// Read-only commands on an id that does not exist: answered from storage (or from its absence) before any silo
/// starts. How long they take is measured by hand (docs/cli.md), not asserted here.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class UnknownExperimentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-unknown-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("status")]
    [InlineData("watch")]
    [InlineData("cancel")]
    public async Task Command_OnAnUnknownIdWithNoLocalStorage_AnswersAndStartsNoAzurite(string command)
    {
        var blob = AzuriteLauncher.FreePort();
        var storage = StorageEndpoint.AzuriteConnectionString(blob, AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());

        var run = await CliRun.InvokeAsync(command, "nobody", "--data", Path.Combine(_folder, "data"), "--storage", storage);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("capgrid: no experiment 'nobody' in this storage (see 'capgrid list')", run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_folder, "data", "azurite")));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("watch")]
    [InlineData("cancel")]
    [InlineData("report")]
    public async Task Command_OnAnUnknownIdInStorageThatAnswers_AnswersFromStorageWithoutStartingASilo(string command)
    {
        await using var azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"), cancellationToken: TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(command, "nobody", "--data", Path.Combine(_folder, "data"), "--storage", azurite.ConnectionString);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("capgrid: no experiment 'nobody' in this storage (see 'capgrid list')", run.Error.Trim());
        // A silo creates its reminder table as it starts: none was started.
        var tables = new List<string>();
        await foreach (var table in new TableServiceClient(azurite.ConnectionString).QueryAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            tables.Add(table.Name);
        }
        Assert.Empty(tables);
    }

    [Fact]
    public async Task Status_OnAnUnknownIdWhereLocalStorageIsStopped_StartsAzuriteToReadItAndStopsItAgain()
    {
        var blob = AzuriteLauncher.FreePort();
        var storage = StorageEndpoint.AzuriteConnectionString(blob, AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        // An earlier run left Azurite's data here; nothing answers now.
        Directory.CreateDirectory(Path.Combine(_folder, "data", "azurite"));

        var run = await CliRun.InvokeAsync("status", "nobody", "--data", Path.Combine(_folder, "data"), "--storage", storage);

        Assert.Equal(2, run.ExitCode);
        Assert.EndsWith("capgrid: no experiment 'nobody' in this storage (see 'capgrid list')", run.Error.Trim());
        Assert.Contains("starting Azurite", run.Error);
        Assert.False(await AzuriteLauncher.AnswersAsync(new Uri($"http://127.0.0.1:{blob}/"), TestContext.Current.CancellationToken));
    }
}

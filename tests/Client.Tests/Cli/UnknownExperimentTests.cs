using System.Diagnostics;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>Read-only commands on an id that does not exist, where capgrid never ran anything.</summary>
[Collection(CliCollection.Name)]
public sealed class UnknownExperimentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-unknown-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("status")]
    [InlineData("watch")]
    [InlineData("cancel")]
    public async Task Command_OnAnUnknownIdWithNoLocalStorage_AnswersWithinTwoSecondsAndStartsNoAzurite(string command)
    {
        var blob = AzuriteLauncher.FreePort();
        var storage = StorageEndpoint.AzuriteConnectionString(blob, AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        var clock = Stopwatch.StartNew();

        var run = await CliRun.InvokeAsync(command, "nobody", "--data", Path.Combine(_folder, "data"), "--storage", storage);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("capgrid: no experiment 'nobody' in this storage (see 'capgrid list')", run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_folder, "data", "azurite")));
    }
}

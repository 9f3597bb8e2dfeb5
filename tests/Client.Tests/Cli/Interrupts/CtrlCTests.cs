using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using CapacityGrid.Grains.Storage;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Cli.Interrupts;

/// <summary>Ctrl-C in a real terminal, and SIGTERM, on an embedded <c>capgrid run</c> (real Azurite, real silo).</summary>
[Collection(CliCollection.Name)]
public sealed partial class CtrlCTests : IDisposable
{
    private static readonly TimeSpan FirstEpochs = TimeSpan.FromMinutes(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-ctrlc-").FullName;
    private readonly int _blob = AzuriteLauncher.FreePort();
    private readonly string _storage;

    public CtrlCTests()
    {
        _storage = StorageEndpoint.AzuriteConnectionString(_blob, AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        File.WriteAllText(Path.Combine(_folder, "spec.json"), """
            { "name": "ctrlc", "dataset": { "kind": "teacher", "inputDim": 8, "teacherHidden": [12], "classes": 3, "samples": 2000, "seed": 4 },
              "grid": { "widths": [8, 16], "depths": [1], "seeds": [1] },
              "training": { "epochs": 200, "batchSize": 8, "learningRate": 0.01 } }
            """);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Connection => ["--data", Path.Combine(_folder, "data"), "--storage", _storage, "--out", Path.Combine(_folder, "out")];

    [Fact]
    public async Task Run_CtrlCInATerminal_StopsWithinTenSecondsExits130AndResumeContinuesFromTheCheckpoint()
    {
        await using var terminal = await TerminalSession.StartAsync(_folder, ["run", "spec.json", "--id", "ctrlc", .. Connection]);
        await terminal.WaitForLogAsync(log => EpochsDone(log) >= 2, FirstEpochs);

        await terminal.PressCtrlCAsync();
        var exit = await terminal.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(exit is not null, $"capgrid still ran 10 s after Ctrl-C:\n{terminal.Log}");
        Assert.Equal(130, exit.Value.ExitCode);
        Assert.EndsWith("capgrid: stopped; points keep their last checkpoint; continue with 'capgrid resume ctrlc'", terminal.Log.TrimEnd());
        Assert.False(terminal.Log.Contains("fail:", StringComparison.Ordinal), terminal.Log);
        // capgrid stopped the Azurite it started (Ctrl-C did not reach it: it is not in the terminal's group).
        Assert.False(await AzuriteLauncher.AnswersAsync(new Uri($"http://127.0.0.1:{_blob}/"), TestContext.Current.CancellationToken));

        // The epochs trained before Ctrl-C are kept as checkpoints, and resume goes on from them to the end.
        await using (await AzuriteLauncher.EnsureAsync(_storage, Path.Combine(_folder, "data", "azurite"), cancellationToken: TestContext.Current.CancellationToken))
        {
            var container = new BlobServiceClient(_storage).GetBlobContainerClient(StorageNames.CheckpointContainer("ctrlc"));
            var checkpoints = 0;
            await foreach (var _ in container.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
            {
                checkpoints++;
            }
            Assert.True(checkpoints >= 2, $"{checkpoints} checkpoints kept");
        }
        var resume = await CliRun.InvokeAsync(["resume", "ctrlc", .. Connection]);
        Assert.True(resume.ExitCode == 0, resume.Error);
        Assert.DoesNotContain("fail:", resume.Error);
    }

    [Fact]
    public async Task Run_SecondCtrlC_ExitsAtOnceWith130()
    {
        await using var terminal = await TerminalSession.StartAsync(_folder, ["run", "spec.json", "--id", "twice", .. Connection]);
        await terminal.WaitForLogAsync(log => EpochsDone(log) >= 1, FirstEpochs);

        await terminal.PressCtrlCAsync();
        await terminal.WaitForLogAsync(log => log.Contains("capgrid: stopping"), TimeSpan.FromSeconds(5));
        await terminal.PressCtrlCAsync();
        var exit = await terminal.WaitForExitAsync(TimeSpan.FromSeconds(2));

        Assert.True(exit is not null, $"capgrid still ran 2 s after the second Ctrl-C:\n{terminal.Log}");
        Assert.Equal(130, exit.Value.ExitCode);
        Assert.Contains("capgrid: interrupted", terminal.Log);
        // Even an immediate exit does not leave its Azurite behind.
        await Eventually.WaitForAsync(async () => !await AzuriteLauncher.AnswersAsync(new Uri($"http://127.0.0.1:{_blob}/"), TestContext.Current.CancellationToken),
            TimeSpan.FromSeconds(10), "Azurite's end after capgrid's immediate exit");
    }

    [Fact]
    public async Task Run_Sigterm_StopsWithinTenSecondsAndExits130()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "capgrid"))
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = _folder,
        };
        foreach (var arg in new[] { "run", "spec.json", "--id", "term" }.Concat(Connection))
        {
            start.ArgumentList.Add(arg);
        }
        using var capgrid = Process.Start(start)!;
        var stdout = capgrid.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var log = new System.Text.StringBuilder();
        var clock = Stopwatch.StartNew();
        while (EpochsDone(log.ToString()) < 1 && clock.Elapsed < FirstEpochs)
        {
            log.AppendLine(await capgrid.StandardError.ReadLineAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(0, kill(capgrid.Id, 15));
        var rest = capgrid.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stopped = capgrid.WaitForExit(TimeSpan.FromSeconds(10));
        if (!stopped)
        {
            capgrid.Kill(entireProcessTree: true);
        }

        Assert.True(stopped, $"capgrid still ran 10 s after SIGTERM:\n{log}");
        Assert.Equal(130, capgrid.ExitCode);
        Assert.Contains("continue with 'capgrid resume term'", await rest);
        await stdout;
        Assert.False(await AzuriteLauncher.AnswersAsync(new Uri($"http://127.0.0.1:{_blob}/"), TestContext.Current.CancellationToken));
    }

    // The largest "epochs N/" count in capgrid's progress lines.
    private static int EpochsDone(string log) =>
        EpochsPattern().Matches(log).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    [GeneratedRegex(@"epochs (\d+)/")]
    private static partial Regex EpochsPattern();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

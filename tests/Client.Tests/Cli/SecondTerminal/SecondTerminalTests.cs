using System.Diagnostics;
using System.Text.RegularExpressions;
using CapacityGrid.Client.Connection;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Cli.SecondTerminal;

/// <summary>
/// An embedded <c>capgrid run</c> as one process and, beside it, other capgrid commands as separate processes, as a
/// user types them in a second terminal (real Azurite, real silo, real processes and signals).
/// </summary>
[Collection(CliCollection.Name)]
public sealed partial class SecondTerminalTests : IAsyncLifetime
{
    private static readonly TimeSpan FirstEpochs = TimeSpan.FromMinutes(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-second-").FullName;
    private AzuriteLauncher _azurite = null!;
    private bool _azuriteStopped;

    public async ValueTask InitializeAsync()
    {
        // The test's own Azurite, so a run killed by the test leaves no Azurite behind.
        _azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"), cancellationToken: TestContext.Current.CancellationToken);
        // Two points of different widths (never stacked together) and one slot: one trains while the other waits.
        File.WriteAllText(Path.Combine(_folder, "spec.json"), """
            { "name": "second", "dataset": { "kind": "teacher", "inputDim": 8, "teacherHidden": [12], "classes": 3, "samples": 2000, "seed": 4 },
              "grid": { "widths": [8, 16], "depths": [1], "seeds": [1] },
              "training": { "epochs": 400, "batchSize": 8, "learningRate": 0.01 } }
            """);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_azuriteStopped)
        {
            await _azurite.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    private string[] Storage => ["--data", Path.Combine(_folder, "data"), "--storage", _azurite.ConnectionString];

    [Fact]
    public async Task SecondTerminal_BesideAnEmbeddedRun_StatusListAndWatchUseItsSiloCancelStopsItAndARunIsRefused()
    {
        await using var run = BackgroundCapgrid.Start(_folder, ["run", "spec.json", "--id", "beside", "--slots", "1", "--out", Path.Combine(_folder, "out"), .. Storage]);
        await run.WaitForLogAsync(log => EpochsDone(log) >= 1, FirstEpochs);

        var status = await CapgridProcess.RunAsync(["status", "beside", .. Storage], workingDirectory: _folder);
        Assert.True(status.ExitCode == 0, status.Error);
        // One slot: the point holding it is running, the other waits for it.
        Assert.StartsWith("beside: running, points 0/2 ended (1 running, 1 waiting, 0 failed, 0 diverged)", status.Output);
        Assert.Contains($"using the embedded silo of capgrid process {run.Id}", status.Error);

        var list = await CapgridProcess.RunAsync(["list", .. Storage], workingDirectory: _folder);
        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Matches(@"^beside  \S+ \S+  running  0/2 points ended", list.Output);

        // A second run would need a silo of its own on the same storage: refused in one line, nothing created.
        var second = await CapgridProcess.RunAsync(["run", "spec.json", "--id", "other", "--out", Path.Combine(_folder, "out"), .. Storage], workingDirectory: _folder);
        Assert.Equal(3, second.ExitCode);
        Assert.Equal($"capgrid: cluster: capgrid process {run.Id} runs an embedded silo on this storage, and a second silo would compete with it for the same experiments; " +
            "wait for it to end (status, watch, cancel and list work beside it), or run both on a cluster (capgrid silo, then --cluster local)", second.Error.Trim());
        Assert.False(await StoredExperiments.ExistsAsync(_azurite.ConnectionString, "other", TestContext.Current.CancellationToken));

        await using var watch = BackgroundCapgrid.Start(_folder, ["watch", "beside", "--out", Path.Combine(_folder, "watched"), .. Storage]);
        await watch.WaitForLogAsync(log => log.Contains("points 0/2 ended", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

        var clock = Stopwatch.StartNew();
        var cancel = await CapgridProcess.RunAsync(["cancel", "beside", .. Storage], workingDirectory: _folder);
        var runExit = await run.WaitForExitAsync(TimeSpan.FromSeconds(20));
        var stopped = clock.Elapsed;

        Assert.True(cancel.ExitCode == 0, cancel.Error);
        Assert.StartsWith("beside: cancelled, points 2/2 ended", cancel.Output);
        Assert.True(runExit is not null, $"the run still went on 20 s after cancel:\n{run.Log}");
        TestContext.Current.SendDiagnosticMessage($"cancel from a second process stopped the run in {stopped.TotalSeconds:0.0} s");
        Assert.Equal(130, runExit.Value.ExitCode);
        var watchExit = await watch.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(watchExit is not null, $"watch still ran 30 s after the run ended:\n{watch.Log}");
        // The run stops its silo once it has written its map, so the watch beside it races that: it sees the
        // cancel and writes the map (130), sees the cancel but not the map (130, one line saying the run wrote it),
        // or finds the serving process gone before its next poll (3, one line saying so). Never a hang.
        var watchLine = watch.Log.Trim().Split('\n')[^1];
        Assert.True(watchExit.Value.ExitCode == 130 && File.Exists(Path.Combine(_folder, "watched", "beside", "capacity-map.json"))
            || watchExit.Value.ExitCode == 130 && watchLine == $"capgrid: beside cancelled; capgrid process {run.Id} stopped its silo before this watch read the map, and wrote the map to its own --out"
            || watchExit.Value.ExitCode == 3 && watchLine.StartsWith($"capgrid: cluster: capgrid process {run.Id}, whose embedded silo served this command, has ended", StringComparison.Ordinal),
            $"watch exited {watchExit.Value.ExitCode}:\n{watch.Log}");
        Assert.True(File.Exists(Path.Combine(_folder, "out", "beside", "capacity-map.json")), run.Log);

        // The run's own log stayed clean: no second silo fought it for the experiment's state.
        foreach (var log in new[] { run.Log, watch.Log, status.Error, cancel.Error, list.Error })
        {
            Assert.DoesNotContain("fail:", log);
            Assert.DoesNotContain("ETag", log);
            Assert.DoesNotContain("InconsistentState", log);
        }
        // And nothing of it is left: the next command starts a silo of its own and finds the experiment cancelled.
        Assert.Null(EmbeddedSiloLock.ReadOwner(_azurite.ConnectionString));
        var after = await CapgridProcess.RunAsync(["status", "beside", .. Storage], workingDirectory: _folder);
        Assert.True(after.ExitCode == 0, after.Error);
        Assert.StartsWith("beside: cancelled, points 2/2 ended (0 running, 0 waiting", after.Output);
        Assert.DoesNotContain("using the embedded silo", after.Error);
    }

    [Fact]
    public async Task Watch_BesideARunWhoseProcessEnds_SaysSoInOneLineAndExits3()
    {
        var (run, watch) = await RunWithAWatchBesideAsync("ends");
        await using var ran = run;
        await using var watched = watch;

        run.Signal(15);
        Assert.Equal(130, (await run.WaitForExitAsync(TimeSpan.FromSeconds(15)))?.ExitCode);
        // Not the 3 minutes of retries a recovering cluster gets: nothing brings this silo back.
        var exit = await watch.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit is not null, $"watch still waited 60 s after the silo's process ended:\n{watch.Log}");
        Assert.Equal(3, exit.Value.ExitCode);
        Assert.EndsWith($"capgrid: cluster: capgrid process {run.Id}, whose embedded silo served this command, has ended; experiments it ran stopped with it ('capgrid resume <id>' continues one)", watch.Log.Trim());
        Assert.DoesNotContain("fail:", watch.Log);
    }

    [Fact]
    public async Task Watch_BesideARun_StopsFollowingOnSigtermAndTheRunGoesOn()
    {
        var (run, watch) = await RunWithAWatchBesideAsync("follow");
        await using var ran = run;
        await using var watched = watch;

        watch.Signal(15);
        var exit = await watch.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(130, exit?.ExitCode);
        Assert.EndsWith($"capgrid: stopped following; the experiment goes on in capgrid process {run.Id}; follow it again with 'capgrid watch follow'", watch.Log.Trim());
        // The run did not notice: it trains on.
        var epochs = EpochsDone(run.Log);
        await run.WaitForLogAsync(log => EpochsDone(log) > epochs, TimeSpan.FromMinutes(1));
        Assert.DoesNotContain("fail:", run.Log);
    }

    // A run that has trained an epoch, and a watch of it from a second terminal that has printed its progress.
    private async Task<(BackgroundCapgrid Run, BackgroundCapgrid Watch)> RunWithAWatchBesideAsync(string id)
    {
        var run = BackgroundCapgrid.Start(_folder, ["run", "spec.json", "--id", id, "--slots", "1", "--out", Path.Combine(_folder, "out"), .. Storage]);
        BackgroundCapgrid? watch = null;
        try
        {
            await run.WaitForLogAsync(log => EpochsDone(log) >= 1, FirstEpochs);
            watch = BackgroundCapgrid.Start(_folder, ["watch", id, "--out", Path.Combine(_folder, "watched"), .. Storage]);
            await watch.WaitForLogAsync(log => log.Contains("points 0/2 ended", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
            return (run, watch);
        }
        catch
        {
            if (watch is not null)
            {
                await watch.DisposeAsync();
            }
            await run.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Status_AfterTheRunsProcessWasKilled_TakesOverItsStaleLockAndAnswers()
    {
        var run = BackgroundCapgrid.Start(_folder, ["run", "spec.json", "--id", "killed", "--slots", "1", "--out", Path.Combine(_folder, "out"), .. Storage]);
        await using (run)
        {
            await run.WaitForLogAsync(log => EpochsDone(log) >= 1, FirstEpochs);
            Assert.Equal(run.Id, EmbeddedSiloLock.ReadOwner(_azurite.ConnectionString)?.ProcessId);

            run.Signal(9);
            Assert.NotNull(await run.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }
        // The killed process's lock and gateway file are still on disk; the kernel released the lock itself.
        Assert.NotNull(EmbeddedSiloLock.ReadOwner(_azurite.ConnectionString));

        var status = await CapgridProcess.RunAsync(["status", "killed", .. Storage], workingDirectory: _folder);

        Assert.True(status.ExitCode == 0, $"exit {status.ExitCode}; stdout: {status.Output}; stderr: {status.Error}");
        Assert.StartsWith("killed: running, points 0/2 ended", status.Output);
        Assert.DoesNotContain("using the embedded silo", status.Error);
        Assert.DoesNotContain("fail:", status.Error);
        // The process that took the lock over removed the stale gateway file, and its own when it ended.
        Assert.Null(EmbeddedSiloLock.ReadOwner(_azurite.ConnectionString));
    }

    [Fact]
    public async Task Run_WhoseStorageGoesAway_PrintsOneLinePerFailureAndNoStackTrace()
    {
        await using var run = BackgroundCapgrid.Start(_folder, ["run", "spec.json", "--id", "lost", "--slots", "1", "--out", Path.Combine(_folder, "out"), .. Storage]);
        await run.WaitForLogAsync(log => EpochsDone(log) >= 1, FirstEpochs);

        await _azurite.DisposeAsync();
        _azuriteStopped = true;
        await run.WaitForLogAsync(log => log.Contains("did not answer", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        // Let the silo's storage provider fail a few writes too.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        run.Signal(15);
        await run.WaitForExitAsync(TimeSpan.FromSeconds(20));

        var lines = run.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("warn: ", StringComparison.Ordinal) && l.Contains("did not answer", StringComparison.Ordinal));
        // A stack trace's frames are indented "at ..." lines; one-line entries start with their level or "capgrid:".
        Assert.DoesNotContain(lines, l => StackFrame().IsMatch(l));
        Assert.All(lines.Where(l => !l.StartsWith("capgrid:", StringComparison.Ordinal) && !l.StartsWith("points ", StringComparison.Ordinal)),
            l => Assert.Matches("^(trce|dbug|info|warn|fail|crit): ", l));
    }

    // The largest "epochs N/" count in capgrid's progress lines.
    private static int EpochsDone(string log) =>
        EpochsPattern().Matches(log).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    [GeneratedRegex(@"epochs (\d+)/")]
    private static partial Regex EpochsPattern();

    [GeneratedRegex(@"^\s+at \S")]
    private static partial Regex StackFrame();
}

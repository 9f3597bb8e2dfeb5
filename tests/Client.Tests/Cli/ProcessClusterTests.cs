using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>
/// Real processes: Azurite, two silo processes (the built CapacityGrid.Silo) and the capgrid CLI, as a user
/// runs them on one machine. One silo is killed with SIGKILL in the middle of a sweep.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ProcessClusterTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-procs-").FullName;
    private readonly string _clusterId = $"procs-{Guid.NewGuid():N}"[..16];
    private readonly List<Process> _silos = [];
    private AzuriteLauncher? _azurite;

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"));
        await StartSilosAsync();
    }

    // Two silo processes on fresh ports; returns once both gateways listen.
    private async Task StartSilosAsync()
    {
        var gateways = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            var gateway = AzuriteLauncher.FreePort();
            gateways.Add(gateway);
            _silos.Add(StartSilo(_silos.Count, gateway));
        }
        // A silo process takes a while to start on a busy machine: wait until every gateway listens.
        foreach (var gateway in gateways)
        {
            await Eventually.WaitForAsync(() => AzuriteLauncher.AnswersAsync(new Uri($"http://127.0.0.1:{gateway}/"), TestContext.Current.CancellationToken),
                TimeSpan.FromMinutes(2), $"a silo's gateway on port {gateway}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Where(s => !s.HasExited))
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
        }
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Sweep_WhenOneSiloProcessIsKilled_CompletesWithEveryResult()
    {
        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, """
            { "name": "procs", "dataset": { "kind": "teacher", "inputDim": 8, "teacherHidden": [12], "classes": 3, "samples": 3000, "seed": 4 },
              "grid": { "widths": [8, 16], "depths": [1, 2], "seeds": [1] },
              "training": { "epochs": 8, "batchSize": 4, "learningRate": 0.01 } }
            """);

        var submit = await CapgridAsync("submit", spec, "--id", "procs");
        Assert.True(submit.ExitCode == 0, submit.Error);
        await WaitForEpochsAsync(3);
        _silos[1].Kill();
        var watch = await CapgridAsync("watch", "procs", "--out", Path.Combine(_folder, "out"));

        Assert.True(watch.ExitCode == 0, watch.Error + watch.Output);
        using var map = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out", "procs", "capacity-map.json")));
        var points = map.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(4, points.Count);
        Assert.All(points, p =>
        {
            Assert.Equal("finished", p.GetProperty("status").GetString());
            Assert.Equal(8, p.GetProperty("epochsDone").GetInt32());
        });
    }

    [Fact]
    public async Task Sweep_WhenEverySiloAndTheClientAreKilled_ResumesWithoutRetrainingACheckpointedEpoch()
    {
        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, """
            { "name": "procs", "dataset": { "kind": "teacher", "inputDim": 8, "teacherHidden": [12], "classes": 3, "samples": 3000, "seed": 4 },
              "grid": { "widths": [8, 16], "depths": [1], "seeds": [1] },
              "training": { "epochs": 64, "batchSize": 4, "learningRate": 0.01 } }
            """);
        // Many short epochs: the kill must land while points still train, and the watch's progress lines lag by up to
        // its poll interval (16 epochs of 12,000 samples, the same work, had finished by then on an idle machine).
        Assert.Equal(0, (await CapgridAsync("submit", spec, "--id", "procs")).ExitCode);
        using var watch = StartCapgrid("watch", "procs", "--out", Path.Combine(_folder, "out"));
        await WaitForWatchedEpochsAsync(watch, 2);

        watch.Kill();
        foreach (var silo in _silos)
        {
            silo.Kill();
            await silo.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        await watch.WaitForExitAsync(TestContext.Current.CancellationToken);
        // Nothing marks the killed silos dead: the restarted ones do it themselves (Cluster:ReclaimDeadMembersOnStart).
        await StartSilosAsync();
        var resume = await CapgridAsync("resume", "procs", "--out", Path.Combine(_folder, "out"));

        Assert.True(resume.ExitCode == 0, resume.Error + resume.Output);
        using var map = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out", "procs", "capacity-map.json")));
        var points = map.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(2, points.Count);
        Assert.All(points, p =>
        {
            Assert.Equal("finished", p.GetProperty("status").GetString());
            Assert.Equal(Enumerable.Range(1, 64), p.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()));
            var history = p.GetProperty("history");
            Assert.Equal(1, history.GetProperty("completions").GetInt32());
            // The interrupted run lost only the epoch in flight: no checkpointed epoch was trained twice.
            Assert.Equal(64, history.GetProperty("epochsTrained").GetInt32());
        });
        // Some point was interrupted in training and resumed from a checkpoint.
        Assert.Contains(points, p => p.GetProperty("history").GetProperty("runStartEpochs").GetArrayLength() >= 2);
    }

    private Process StartSilo(int index, int gatewayPort)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "CapacityGrid.Silo"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Storage__ConnectionString"] = _azurite!.ConnectionString;
        start.Environment["Cluster__ClusterId"] = _clusterId;
        start.Environment["Cluster__ServiceId"] = _clusterId;
        start.Environment["Cluster__SiloPort"] = $"{AzuriteLauncher.FreePort()}";
        start.Environment["Cluster__GatewayPort"] = $"{gatewayPort}";
        start.Environment["Training__Slots"] = "1";
        start.Environment["Training__LivenessCheck"] = "00:00:02";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        var log = Path.Combine(_folder, $"silo-{index}.log");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(string log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                File.AppendAllText(log, line + Environment.NewLine);
            }
        }
    }

    // The real capgrid executable, as a user runs it.
    private async Task<CliRun> CapgridAsync(params string[] args)
    {
        using var process = StartCapgrid(args);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(4), TestContext.Current.CancellationToken);
        return new CliRun(process.ExitCode, await output, await error);
    }

    private Process StartCapgrid(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "capgrid"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args.Concat(["--cluster", _clusterId, "--service-id", _clusterId, "--storage", _azurite!.ConnectionString]))
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start)!;
    }

    // The watch's own progress lines on stderr ("... | epochs 2/32"): they arrive within its poll interval, where a
    // status process per poll took long enough on a loaded machine for both points to finish before the kill.
    private static async Task WaitForWatchedEpochsAsync(Process watch, int epochs)
    {
        var progress = new Regex(@"\| epochs (\d+)/", RegexOptions.CultureInvariant);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var last = "(nothing)";
        while (await watch.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            last = line;
            if (progress.Match(line) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) >= epochs)
            {
                return;
            }
        }
        Assert.Fail($"capgrid watch ended before {epochs} epochs were done; its last line: {last}");
    }

    private Task WaitForEpochsAsync(int epochs) =>
        Eventually.WaitForAsync(async () =>
        {
            var status = await CapgridAsync("status", "procs", "--json");
            using var json = status.ExitCode == 0 ? JsonDocument.Parse(status.Output) : null;
            return json is not null && json.RootElement.GetProperty("epochsDone").GetInt32() >= epochs;
        }, TimeSpan.FromMinutes(2), $"{epochs} epochs done");
}

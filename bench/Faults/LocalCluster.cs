using System.Diagnostics;
using System.Runtime.InteropServices;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Bench.Faults;

/// <summary>
/// A cluster of real processes on loopback: a private Azurite and N silo processes (the built
/// CapacityGrid.Silo beside this benchmark), each with its log file, that can be killed, paused and restarted.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private readonly string _folder;
    private readonly Process?[] _silos;
    private readonly int[] _gateways;
    private AzuriteLauncher? _azurite;
    private string _storage = "";

    private LocalCluster(string folder, int silos)
    {
        _folder = folder;
        _silos = new Process?[silos];
        _gateways = new int[silos];
    }

    /// <summary>The cluster id (and service id) the silos join.</summary>
    public string ClusterId { get; } = $"faults-{Guid.NewGuid():N}"[..15];

    /// <summary>Azurite's connection string.</summary>
    public string Storage => _storage;

    /// <summary>Silos in the cluster (running or not).</summary>
    public int SiloCount => _silos.Length;

    /// <summary>The capgrid options that reach this cluster.</summary>
    public string[] CliArgs => ["--cluster", ClusterId, "--service-id", ClusterId, "--storage", Storage];

    /// <summary>Starts Azurite with its data in <paramref name="folder"/> and <paramref name="silos"/> silo processes.</summary>
    public static async Task<LocalCluster> StartAsync(string folder, int silos)
    {
        var cluster = new LocalCluster(folder, silos);
        cluster._azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(folder, "azurite"));
        cluster._storage = cluster._azurite.ConnectionString;
        await cluster.StartSilosAsync(Enumerable.Range(0, silos));
        return cluster;
    }

    /// <summary>Starts the given silos (on fresh ports) and waits until each one's gateway listens.</summary>
    public async Task StartSilosAsync(IEnumerable<int> indices)
    {
        var started = indices.ToArray();
        foreach (var i in started)
        {
            _gateways[i] = AzuriteLauncher.FreePort();
            _silos[i] = StartSilo(i, _gateways[i]);
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var i in started)
        {
            while (!await AzuriteLauncher.AnswersAsync(new Uri($"http://127.0.0.1:{_gateways[i]}/"), deadline.Token))
            {
                await Task.Delay(200, deadline.Token);
            }
        }
    }

    /// <summary>Kills silo <paramref name="index"/> with SIGKILL (no shutdown of any kind) and waits for it to exit.</summary>
    public void KillSilo(int index)
    {
        if (_silos[index] is { HasExited: false } silo)
        {
            Signal(silo.Id, SigKill);
            silo.WaitForExit();
        }
    }

    /// <summary>Freezes (SIGSTOP) or thaws (SIGCONT) every silo process that runs.</summary>
    public void Freeze(bool frozen)
    {
        foreach (var silo in _silos.Where(s => s is { HasExited: false }))
        {
            Signal(silo!.Id, frozen ? SigStop : SigCont);
        }
    }

    /// <summary>Stops Azurite (SIGTERM, as an outage would), keeping its data and ports.</summary>
    public async Task StopStorageAsync()
    {
        await _azurite!.DisposeAsync();
        _azurite = null;
    }

    /// <summary>Starts Azurite again on the same ports and data.</summary>
    public async Task StartStorageAsync() =>
        _azurite = await AzuriteLauncher.EnsureAsync(_storage, Path.Combine(_folder, "azurite"));

    /// <summary>Lines of every silo log (all generations) that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> LogLines(string text) =>
        [.. Directory.GetFiles(_folder, "silo-*.log").SelectMany(File.ReadLines).Where(l => l.Contains(text, StringComparison.Ordinal))];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _silos.Length; i++)
        {
            KillSilo(i);
        }
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private Process StartSilo(int index, int gatewayPort)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "CapacityGrid.Silo"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Storage__ConnectionString"] = _storage;
        start.Environment["Cluster__ClusterId"] = ClusterId;
        start.Environment["Cluster__ServiceId"] = ClusterId;
        start.Environment["Cluster__SiloPort"] = $"{AzuriteLauncher.FreePort()}";
        start.Environment["Cluster__GatewayPort"] = $"{gatewayPort}";
        start.Environment["Training__Slots"] = "1";
        start.Environment["Training__LivenessCheck"] = "00:00:02";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        // One log per silo process: a restarted silo writes a new file, a killed one's stays as it was.
        var log = new StreamWriter(Path.Combine(_folder, $"silo-{index}-{process.Id}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"could not send signal {signal} to process {pid} (errno {Marshal.GetLastWin32Error()})");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CapacityGrid.Silo.Storage;

/// <summary>
/// Starts Azurite (the local Azure Storage emulator, pinned in infra/package.json) on loopback when the
/// configured storage is local and nothing answers there, keeps its data in a folder of the caller's,
/// and stops what it started when disposed. Storage that already answers, or is remote, is left alone.
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    // After SIGTERM Azurite closes its three services, saving each one's metadata, and says so; it then may not
    // exit while idle keep-alive connections stay open. Once all three have said so, a kill loses nothing.
    // If they never do (a close failed, say), 6 s after SIGTERM every write has been saved anyway (it saves
    // every 5 s while dirty).
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(6);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> StartedProcesses = new();
    private readonly Process? _process;
    private readonly StringBuilder _output;
    private readonly AzuriteShutdownWatch _shutdown;

    private AzuriteLauncher(Process? process, string connectionString, StringBuilder output, AzuriteShutdownWatch shutdown)
    {
        _process = process;
        ConnectionString = connectionString;
        _output = output;
        _shutdown = shutdown;
    }

    /// <summary>The connection string to use: the configured one, or that of the Azurite started here.</summary>
    public string ConnectionString { get; }

    /// <summary>True when this launcher started an Azurite process (and will stop it).</summary>
    public bool StartedHere => _process is not null;

    /// <summary>
    /// Makes sure storage answers at <paramref name="connectionString"/>: starts Azurite with its data in
    /// <paramref name="dataFolder"/> if the endpoint is on loopback and silent.
    /// </summary>
    /// <exception cref="AzuriteUnavailableException">Azurite is needed but cannot be found or started.</exception>
    public static async Task<AzuriteLauncher> EnsureAsync(string connectionString, string dataFolder, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var endpoint = StorageEndpoint.Parse(connectionString);
        if (!endpoint.IsLoopback || await AnswersAsync(endpoint.Blob, cancellationToken))
        {
            return new AzuriteLauncher(null, connectionString, new StringBuilder(), new AzuriteShutdownWatch());
        }
        var queue = endpoint.Queue?.Port ?? FreePort();
        var table = endpoint.Table?.Port ?? FreePort();
        return await StartAsync(endpoint.Blob.Port, queue, table, dataFolder, connectionString, progress, cancellationToken);
    }

    /// <summary>Starts a private Azurite on free loopback ports (for tests and side-by-side runs).</summary>
    public static Task<AzuriteLauncher> StartOnFreePortsAsync(string dataFolder, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var ports = new List<int>(3);
        while (ports.Count < 3)
        {
            var port = FreePort();
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }
        var (blob, queue, table) = (ports[0], ports[1], ports[2]);
        return StartAsync(blob, queue, table, dataFolder, StorageEndpoint.AzuriteConnectionString(blob, queue, table), progress, cancellationToken);
    }

    private static async Task<AzuriteLauncher> StartAsync(int blob, int queue, int table, string dataFolder, string connectionString, Action<string>? progress, CancellationToken cancellationToken)
    {
        var executable = AzuriteLocator.Locate(progress);
        Directory.CreateDirectory(dataFolder);
        // In a session of its own, Azurite is outside the terminal's process group: Ctrl-C reaches capgrid only,
        // and capgrid stops Azurite itself, last, once the silo has saved what it holds. setsid (util-linux) execs
        // in place (a child is never a group leader), so the process id stays Azurite's.
        var setsid = OperatingSystem.IsWindows() ? null : SessionLauncher();
        var start = new ProcessStartInfo(setsid ?? executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (setsid is not null)
        {
            start.ArgumentList.Add(executable);
        }
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--location", dataFolder,
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        })
        {
            start.ArgumentList.Add(arg);
        }
        progress?.Invoke($"starting Azurite on 127.0.0.1:{blob} (data in {dataFolder})");
        var output = new StringBuilder();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new AzuriteUnavailableException($"could not start Azurite ({executable})");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AzuriteUnavailableException($"could not start Azurite ({executable}): {e.Message}; is Node 20 installed?");
        }
        var shutdown = new AzuriteShutdownWatch();
        process.OutputDataReceived += (_, e) => Received(output, shutdown, e.Data);
        process.ErrorDataReceived += (_, e) => Received(output, shutdown, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var launcher = new AzuriteLauncher(process, connectionString, output, shutdown);
        StartedProcesses[process.Id] = true;

        // Azurite opens its blob, queue and table servers one after another; callers use all three (Orleans
        // keeps membership and reminders in tables), so it is ready only when every port answers.
        var deadline = Stopwatch.StartNew();
        while (!await AllAnswerAsync([blob, queue, table], cancellationToken))
        {
            if (process.HasExited || deadline.Elapsed > StartTimeout)
            {
                var why = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not answer within {StartTimeout.TotalSeconds:0} s";
                await launcher.DisposeAsync();
                throw new AzuriteUnavailableException(
                    $"Azurite {why} on 127.0.0.1:{blob} ({Tail(output)}); free the port or set Storage:ConnectionString to running storage");
            }
            await Task.Delay(100, cancellationToken);
        }
        return launcher;
    }

    private static string? SessionLauncher() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "setsid"))
            .FirstOrDefault(File.Exists);

    private static async Task<bool> AllAnswerAsync(int[] ports, CancellationToken cancellationToken)
    {
        foreach (var port in ports)
        {
            if (!await AnswersAsync(new Uri($"http://127.0.0.1:{port}/"), cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when something accepts TCP connections at the endpoint's host and port.</summary>
    public static async Task<bool> AnswersAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A TCP port on loopback that is free right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Sends SIGTERM to every Azurite this process started and has not stopped, without waiting: for a process that
    /// must end at once (a second Ctrl-C), so Azurite, in a session of its own, does not outlive it.
    /// </summary>
    public static void TerminateStartedNow()
    {
        foreach (var pid in StartedProcesses.Keys)
        {
            Signals.Terminate(pid);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }
        StartedProcesses.TryRemove(_process.Id, out _);
        try
        {
            // SIGTERM first: a hard kill straight away would lose the writes of the last few seconds.
            if (!_process.HasExited && !(OperatingSystem.IsWindows() || Signals.Terminate(_process.Id)))
            {
                _process.Kill(entireProcessTree: true);
            }
            var exited = _process.WaitForExitAsync();
            await Task.WhenAny(exited, _shutdown.AllClosed).WaitAsync(StopTimeout);
            if (!exited.IsCompleted)
            {
                // Every service has closed and saved: what keeps Azurite alive is idle connections.
                _process.Kill(entireProcessTree: true);
                await exited.WaitAsync(StopTimeout);
            }
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private static void Received(StringBuilder output, AzuriteShutdownWatch shutdown, string? line)
    {
        if (line is null)
        {
            return;
        }
        shutdown.Observe(line);
        lock (output)
        {
            if (output.Length < 16_384)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString().Trim().ReplaceLineEndings(" | ");
            return text.Length == 0 ? "no output" : text.Length > 300 ? "..." + text[^300..] : text;
        }
    }
}

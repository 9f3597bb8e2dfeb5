using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>The built <c>capgrid</c> running in the background, as in another terminal: its stderr is read as it comes.</summary>
public sealed class BackgroundCapgrid : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Task<string> _output;

    private BackgroundCapgrid(Process process)
    {
        _process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_log)
                {
                    _log.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        _output = process.StandardOutput.ReadToEndAsync();
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>What capgrid has written to stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <c>capgrid</c> with <paramref name="args"/> in <paramref name="folder"/>.</summary>
    public static BackgroundCapgrid Start(string folder, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "capgrid"))
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return new BackgroundCapgrid(Process.Start(start)!);
    }

    /// <summary>Waits until stderr satisfies <paramref name="condition"/>; fails after <paramref name="timeout"/> or if capgrid ends first.</summary>
    public Task WaitForLogAsync(Func<string, bool> condition, TimeSpan timeout) =>
        Eventually.ValueAsync(
            () =>
            {
                var log = Log;
                if (!condition(log) && _process.HasExited)
                {
                    Assert.Fail($"capgrid exited with {_process.ExitCode} before its log showed what the test waits for:\n{log}");
                }
                return Task.FromResult(log);
            },
            condition, timeout, "capgrid's log showing what the test waits for", TimeSpan.FromMilliseconds(200));

    /// <summary>The exit code and stdout once capgrid has ended, or null if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<(int ExitCode, string Output)?> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        return (_process.ExitCode, await _output);
    }

    /// <summary>Sends <paramref name="signal"/> (9: SIGKILL, 15: SIGTERM).</summary>
    public void Signal(int signal) => Assert.Equal(0, kill(_process.Id, signal));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

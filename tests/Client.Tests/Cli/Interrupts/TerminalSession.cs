using System.Diagnostics;
using CapacityGrid.Tests.Shared;

namespace CapacityGrid.Client.Tests.Cli.Interrupts;

/// <summary>
/// The built <c>capgrid</c> in a real pseudo-terminal (a tmux session on a private server socket), so Ctrl-C
/// reaches it as it reaches a user's: SIGINT to the terminal's foreground process group.
/// </summary>
public sealed class TerminalSession : IAsyncDisposable
{
    private readonly string _socket = $"capgrid-{Guid.NewGuid():N}"[..20];
    private readonly string _log;
    private readonly string _exit;

    private TerminalSession(string folder)
    {
        _log = Path.Combine(folder, $"{_socket}.log");
        _exit = Path.Combine(folder, $"{_socket}.exit");
    }

    /// <summary>What capgrid has written to stdout and stderr so far.</summary>
    public string Log => File.Exists(_log) ? File.ReadAllText(_log) : "";

    /// <summary>Starts <c>capgrid</c> with <paramref name="args"/> in a new terminal; files go to <paramref name="folder"/>.</summary>
    public static async Task<TerminalSession> StartAsync(string folder, IEnumerable<string> args)
    {
        SystemPackage.Tmux.Require();
        var session = new TerminalSession(folder);
        var capgrid = Path.Combine(AppContext.BaseDirectory, "capgrid");
        // The shell writes the exit code once capgrid has ended; the output goes to a file (not through a pipe
        // whose other end Ctrl-C would kill too). Its own trap keeps a Ctrl-C that lands after capgrid has already
        // stopped from ending the shell before it writes the code (capgrid, exec'd, gets SIGINT's default back).
        var command = $"trap true INT; cd {Quote(folder)} && {Quote(capgrid)} {string.Join(' ', args.Select(Quote))} > {Quote(session._log)} 2>&1; echo $? > {Quote(session._exit)}; sleep 600";
        await session.TmuxAsync("new-session", "-d", "-x", "200", "-y", "50", command);
        return session;
    }

    /// <summary>Presses Ctrl-C in the terminal.</summary>
    public Task PressCtrlCAsync() => TmuxAsync("send-keys", "C-c");

    /// <summary>
    /// Waits until the log satisfies <paramref name="condition"/>; fails after <paramref name="timeout"/> or if capgrid ends
    /// first. Polls every 20 ms: on an idle machine capgrid's whole clean stop takes about 0.2 s, and a second Ctrl-C
    /// must land inside it.
    /// </summary>
    public Task WaitForLogAsync(Func<string, bool> condition, TimeSpan timeout) =>
        Eventually.ValueAsync(
            () =>
            {
                var log = Log;
                if (!condition(log) && File.Exists(_exit))
                {
                    Assert.Fail($"capgrid ended before its log showed what the test waits for:\n{log}");
                }
                return Task.FromResult(log);
            },
            condition, timeout, "the log showing what the test waits for", TimeSpan.FromMilliseconds(20));

    /// <summary>capgrid's exit code and how long it took to end, or null if it had not ended within <paramref name="timeout"/>.</summary>
    public async Task<(int ExitCode, TimeSpan After)?> WaitForExitAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var code = await Eventually.ValueOrDefaultAsync(
            () => Task.FromResult(File.Exists(_exit) ? File.ReadAllText(_exit).Trim() : ""), text => text.Length > 0, timeout, TimeSpan.FromMilliseconds(100));
        return code is null ? null : (int.Parse(code, System.Globalization.CultureInfo.InvariantCulture), clock.Elapsed);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await TmuxAsync("kill-server");

    private async Task TmuxAsync(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in new[] { "-L", _socket }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        using var tmux = Process.Start(start)!;
        await tmux.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}

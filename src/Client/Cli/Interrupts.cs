using System.Runtime.InteropServices;

namespace CapacityGrid.Client.Cli;

/// <summary>
/// Ctrl-C and SIGTERM for the capgrid process: the first cancels <see cref="Token"/> so the command stops cleanly
/// (points keep their last checkpoint); the second ends the process at once with exit code 130.
/// </summary>
public sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    private Interrupts()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Starts listening for SIGINT and SIGTERM (instead of .NET's default of ending the process).</summary>
    public static Interrupts Listen() => new();

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive: the command decides when it has stopped.
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Console.Error.WriteLine("capgrid: stopping (press Ctrl-C again to exit at once)");
            _cancel.Cancel();
            return;
        }
        // A second signal means the user will not wait: no shutdown hooks, no flushing, no silo stop.
        Console.Error.WriteLine("capgrid: interrupted");
        Silo.Storage.AzuriteLauncher.TerminateStartedNow();
        if (OperatingSystem.IsWindows())
        {
            Environment.Exit(ExitCodes.Cancelled);
        }
        _exit(ExitCodes.Cancelled);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _cancel.Dispose();
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void _exit(int status);
}

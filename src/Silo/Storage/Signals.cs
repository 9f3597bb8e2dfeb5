using System.Runtime.InteropServices;

namespace CapacityGrid.Silo.Storage;

/// <summary>POSIX signals, for stopping child processes gracefully (.NET's Process.Kill sends SIGKILL).</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM to <paramref name="pid"/>; false if it could not be sent.</summary>
    public static bool Terminate(int pid) => kill(pid, SigTerm) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

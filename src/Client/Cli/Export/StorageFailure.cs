using CapacityGrid.ServiceDefaults;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Cli.Export;

/// <summary>What the commands that read storage directly (no silo) say when storage cannot be read: one line, exit code 3.</summary>
internal static class StorageFailure
{
    /// <summary>Whether <paramref name="e"/> says storage is away or its address is malformed.</summary>
    public static bool Is(Exception e) => e is AzuriteUnavailableException or FormatException or Azure.RequestFailedException;

    /// <summary>Writes the failure's first line, secrets redacted, and returns <see cref="ExitCodes.Unavailable"/>.</summary>
    public static async Task<int> ReportAsync(Exception e, TextWriter error)
    {
        await error.WriteLineAsync($"capgrid: storage: {SecretRedaction.Redact(e.Message.Split('\n')[0])}");
        return ExitCodes.Unavailable;
    }
}

using CapacityGrid.Client.Connection;
using CapacityGrid.ServiceDefaults;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Cli;

/// <summary>Runs a command's work with a grid connection, turning connection failures into exit code 3.</summary>
internal static class Connected
{
    /// <summary>Opens the connection, runs <paramref name="work"/>, and closes the connection.</summary>
    public static async Task<int> RunAsync(ConnectionOptions options, TextWriter error, Func<GridConnection, Task<int>> work, CancellationToken cancellationToken)
    {
        GridConnection connection;
        try
        {
            connection = await GridConnection.OpenAsync(options, message => error.WriteLine($"capgrid: {message}"), cancellationToken);
        }
        catch (Exception e) when (e is AzuriteUnavailableException or FormatException)
        {
            await error.WriteLineAsync($"capgrid: storage: {SecretRedaction.Redact(e.Message)}");
            return ExitCodes.Unavailable;
        }
        catch (ClusterUnavailableException e)
        {
            await error.WriteLineAsync($"capgrid: cluster: {SecretRedaction.Redact(e.Message)}");
            return ExitCodes.Unavailable;
        }
        await using (connection)
        {
            return await work(connection);
        }
    }
}

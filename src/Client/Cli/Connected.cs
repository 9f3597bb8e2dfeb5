using CapacityGrid.Client.Connection;
using CapacityGrid.ServiceDefaults;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Cli;

/// <summary>Runs a command's work with a grid connection, turning connection failures into exit code 3.</summary>
internal static class Connected
{
    /// <summary>Opens the connection, runs <paramref name="work"/>, and closes the connection.</summary>
    /// <param name="use">Whether an embedded silo another capgrid process runs on this storage may serve the command.</param>
    /// <param name="experiment">The experiment the command needs: without it in storage, no silo is started (exit 2).</param>
    public static async Task<int> RunAsync(
        ConnectionOptions options, TextWriter error, Func<GridConnection, Task<int>> work, CancellationToken cancellationToken,
        EmbeddedSiloUse use = EmbeddedSiloUse.ShareRunning, string? experiment = null)
    {
        GridConnection connection;
        try
        {
            connection = await GridConnection.OpenAsync(options, message => error.WriteLine($"capgrid: {message}"), cancellationToken, use, experiment);
        }
        catch (ExperimentNotStoredException e)
        {
            await error.WriteLineAsync($"capgrid: no experiment '{e.ExperimentId}' in this storage (see 'capgrid list')");
            return ExitCodes.BadInput;
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
            if (connection.ServedBy is not null)
            {
                GrainRetry.GiveUpWhen(connection.Gone);
            }
            try
            {
                return await work(connection);
            }
            catch (ClusterUnavailableException e)
            {
                await error.WriteLineAsync($"capgrid: cluster: {SecretRedaction.Redact(e.Message)}");
                return ExitCodes.Unavailable;
            }
        }
    }
}

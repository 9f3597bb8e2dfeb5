using CapacityGrid.Client.Connection;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Cli.Experiments;

/// <summary>
/// Answers "no such experiment" without starting Azurite and a silo (some 16 s) when that is certain: embedded mode,
/// local storage that does not answer, and no Azurite data folder, so capgrid never ran anything here.
/// </summary>
internal static class EmptyLocalStorage
{
    /// <summary>True when the embedded mode's storage certainly holds no experiment.</summary>
    public static async Task<bool> HoldsNothingAsync(ConnectionOptions options, CancellationToken cancellationToken)
    {
        if (options.Cluster is not null)
        {
            return false;
        }
        StorageEndpoint endpoint;
        try
        {
            endpoint = StorageEndpoint.Parse(options.Storage);
        }
        catch (FormatException)
        {
            // The connection step reports a bad connection string in its own words.
            return false;
        }
        return endpoint.IsLoopback
            && !Directory.Exists(Path.Combine(options.DataFolder, "azurite"))
            && !await AzuriteLauncher.AnswersAsync(endpoint.Blob, cancellationToken);
    }
}

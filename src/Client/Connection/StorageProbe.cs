using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace CapacityGrid.Client.Connection;

/// <summary>
/// One cheap request to blob and table storage before a silo starts, so credentials that storage refuses (a wrong
/// account key, a bad or expired SAS token) end the command at once with one line instead of a silo that retries
/// forever.
/// </summary>
public static class StorageProbe
{
    /// <summary>Lists one container and one table.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage refused the request.</exception>
    public static async Task CheckAsync(string connectionString, CancellationToken cancellationToken)
    {
        var blobs = new BlobServiceClient(connectionString, Configure(new BlobClientOptions()));
        await foreach (var _ in blobs.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            break;
        }
        var tables = new TableServiceClient(connectionString, Configure(new TableClientOptions()));
        await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            break;
        }
    }

    // A refusal is final; a few quick retries only ride out a storage that is still starting.
    private static T Configure<T>(T options) where T : ClientOptions
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        return options;
    }
}

using Azure;
using Azure.Storage.Blobs;

namespace CapacityGrid.Client.Connection;

/// <summary>Whether storage holds an experiment, read straight from its grain state (no silo needed).</summary>
public static class StoredExperiments
{
    // Orleans' blob grain storage keeps each grain's state in the "grainstate" container as
    // "<state name>-<grain id>.json"; an experiment's grain id is "experiment/<id>" and its state is named "experiment".
    private const string Container = "grainstate";

    /// <summary>The blob that holds experiment <paramref name="experimentId"/>'s state.</summary>
    public static string StateBlob(string experimentId) => $"experiment-experiment/{experimentId}.json";

    /// <summary>True when the experiment's state is stored.</summary>
    /// <exception cref="RequestFailedException">Storage refused the request.</exception>
    public static async Task<bool> ExistsAsync(string connectionString, string experimentId, CancellationToken cancellationToken)
    {
        var blob = new BlobServiceClient(connectionString).GetBlobContainerClient(Container).GetBlobClient(StateBlob(experimentId));
        try
        {
            return await blob.ExistsAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }
}

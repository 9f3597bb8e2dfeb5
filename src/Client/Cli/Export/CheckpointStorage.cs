using Azure.Storage.Blobs;
using CapacityGrid.Client.Connection;
using CapacityGrid.Grains.Checkpoints;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Cli.Export;

/// <summary>
/// The checkpoint blobs of the storage a command's options name, without a silo: embedded mode starts Azurite
/// when its loopback endpoint is silent (as <c>run</c> does); remote or running storage is used as it is.
/// </summary>
internal sealed class CheckpointStorage : IAsyncDisposable
{
    private readonly AzuriteLauncher _azurite;

    private CheckpointStorage(AzuriteLauncher azurite)
    {
        _azurite = azurite;
        Store = new CheckpointStore(new BlobServiceClient(azurite.ConnectionString));
    }

    /// <summary>The experiments' checkpoints.</summary>
    public CheckpointStore Store { get; }

    /// <summary>Reaches the storage.</summary>
    /// <exception cref="AzuriteUnavailableException">Local storage is needed but cannot be started.</exception>
    public static async Task<CheckpointStorage> OpenAsync(ConnectionOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var azurite = await AzuriteLauncher.EnsureAsync(options.Storage, Path.Combine(options.DataFolder, "azurite"), progress, cancellationToken);
        try
        {
            await StorageProbe.CheckAsync(azurite.ConnectionString, cancellationToken);
            return new CheckpointStorage(azurite);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The checkpoint of a point after <paramref name="epoch"/> (its newest when null), hash-checked; a problem a
    /// user can fix (unknown experiment, point or epoch, a hash that does not match) comes back as one line.
    /// </summary>
    public async Task<(StoredCheckpoint? Checkpoint, byte[]? Payload, string? Problem)> ReadAsync(
        string experimentId, string pointId, int? epoch, CancellationToken cancellationToken)
    {
        if (!await Store.HasExperimentAsync(experimentId, cancellationToken))
        {
            return (null, null, $"experiment '{experimentId}' has no checkpoints in this storage (unknown id, or no point has finished an epoch yet; `capgrid list` shows the ids)");
        }
        var stored = await Store.ListStoredAsync(experimentId, pointId, cancellationToken);
        if (stored.Count == 0)
        {
            var points = (await Store.ListStoredAsync(experimentId, cancellationToken: cancellationToken)).Select(c => c.PointId).Distinct().ToList();
            var known = points.Count == 0 ? "it has none stored" : $"stored: {string.Join(", ", points.Take(5))}{(points.Count > 5 ? $" and {points.Count - 5} more" : "")}";
            return (null, null, $"point '{pointId}' has no checkpoints in experiment '{experimentId}' ({known}; `capgrid checkpoints {experimentId}` lists them)");
        }
        var chosen = epoch is { } wanted ? stored.FirstOrDefault(c => c.Epoch == wanted) : stored[^1];
        if (chosen is null)
        {
            return (null, null, $"--epoch {epoch}: point '{pointId}' has no checkpoint of that epoch (stored: {EpochRanges(stored.Select(c => c.Epoch))})");
        }
        try
        {
            var payload = await Store.ReadAsync(experimentId, chosen.BlobName, cancellationToken);
            return payload is null
                ? (null, null, $"{chosen.BlobName}: the blob disappeared while it was read")
                : (chosen, payload, null);
        }
        catch (CheckpointCorruptException e)
        {
            return (null, null, e.Message);
        }
    }

    /// <summary>Epochs as ranges: <c>1-15</c>, or <c>1-3, 7</c>.</summary>
    public static string EpochRanges(IEnumerable<int> epochs)
    {
        var sorted = epochs.Distinct().Order().ToList();
        var ranges = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            ranges.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(", ", ranges);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _azurite.DisposeAsync();
}

using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CapacityGrid.Grains.Storage;

namespace CapacityGrid.Grains.Checkpoints;

/// <summary>
/// Per-epoch checkpoints in Azure Blob Storage: one container per experiment, one blob per point and
/// epoch (<c>points/{pointId}/epoch-0001.ckpt</c>), the payload's SHA-256 in the blob's metadata and
/// checked on every read.
/// </summary>
public sealed class CheckpointStore(BlobServiceClient blobs)
{
    private const string HashKey = "sha256";
    private const string FormatKey = "capgridformat";
    private const string Format = "capgrid-checkpoint-v1";

    /// <summary>The blob name of a point's checkpoint after <paramref name="epoch"/>.</summary>
    public static string BlobName(string pointId, int epoch) => $"points/{pointId}/epoch-{epoch:D4}.ckpt";

    /// <summary>Writes a checkpoint, replacing one of the same epoch; returns its blob name.</summary>
    public async Task<string> WriteAsync(string experimentId, string pointId, int epoch, byte[] payload, CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.CheckpointContainer(experimentId));
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var name = BlobName(pointId, epoch);
        var options = new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string>
            {
                [HashKey] = Convert.ToHexStringLower(SHA256.HashData(payload)),
                [FormatKey] = Format,
            },
        };
        await container.GetBlobClient(name).UploadAsync(new BinaryData(payload), options, cancellationToken);
        return name;
    }

    /// <summary>Reads a checkpoint and verifies its hash; null if the blob does not exist.</summary>
    /// <exception cref="CheckpointCorruptException">The payload does not match its hash, or the blob is not a checkpoint.</exception>
    public async Task<byte[]?> ReadAsync(string experimentId, string blobName, CancellationToken cancellationToken = default)
    {
        var blob = blobs.GetBlobContainerClient(StorageNames.CheckpointContainer(experimentId)).GetBlobClient(blobName);
        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken);
            var payload = download.Value.Content.ToArray();
            var metadata = download.Value.Details.Metadata;
            if (!metadata.TryGetValue(FormatKey, out var format) || format != Format || !metadata.TryGetValue(HashKey, out var expected))
            {
                throw new CheckpointCorruptException(blobName, "not a CapacityGrid checkpoint (no format or hash in its metadata)");
            }
            var actual = Convert.ToHexStringLower(SHA256.HashData(payload));
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                throw new CheckpointCorruptException(blobName, $"SHA-256 {actual} does not match the stored {expected}");
            }
            return payload;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the first intact checkpoint of <paramref name="blobNames"/> (newest first): one that is missing or fails
    /// its hash check is passed to <paramref name="skipped"/> with the reason, and the next one is tried.
    /// </summary>
    /// <returns>The index of the checkpoint read and its payload, or null when none is intact.</returns>
    public async Task<(int Index, byte[] Payload)?> ReadNewestIntactAsync(
        string experimentId, IReadOnlyList<string> blobNames, Action<string, string> skipped, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < blobNames.Count; i++)
        {
            try
            {
                if (await ReadAsync(experimentId, blobNames[i], cancellationToken) is { } payload)
                {
                    return (i, payload);
                }
                skipped(blobNames[i], "the blob is missing");
            }
            catch (CheckpointCorruptException e)
            {
                skipped(blobNames[i], e.Message);
            }
        }
        return null;
    }

    /// <summary>Whether storage holds the experiment's checkpoint container.</summary>
    public async Task<bool> HasExperimentAsync(string experimentId, CancellationToken cancellationToken = default) =>
        (await blobs.GetBlobContainerClient(StorageNames.CheckpointContainer(experimentId)).ExistsAsync(cancellationToken)).Value;

    /// <summary>
    /// Every checkpoint of an experiment (of one point when <paramref name="pointId"/> is given), ordered by point
    /// and epoch; empty when the experiment has none.
    /// </summary>
    public async Task<IReadOnlyList<StoredCheckpoint>> ListStoredAsync(string experimentId, string? pointId = null, CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.CheckpointContainer(experimentId));
        var found = new List<StoredCheckpoint>();
        try
        {
            var prefix = pointId is null ? "points/" : $"points/{pointId}/";
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
            {
                if (ParseBlobName(item.Name) is { } parsed)
                {
                    found.Add(new StoredCheckpoint(parsed.PointId, parsed.Epoch, item.Name,
                        item.Properties.ContentLength ?? 0, item.Properties.LastModified ?? DateTimeOffset.MinValue));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return found;
        }
        return [.. found.OrderBy(c => c.PointId, StringComparer.Ordinal).ThenBy(c => c.Epoch)];
    }

    /// <summary>The point and epoch of a name <see cref="BlobName"/> made, or null for any other blob.</summary>
    public static (string PointId, int Epoch)? ParseBlobName(string blobName)
    {
        var parts = blobName.Split('/');
        if (parts is not ["points", { Length: > 0 } point, var file] || !file.StartsWith("epoch-", StringComparison.Ordinal) ||
            !file.EndsWith(".ckpt", StringComparison.Ordinal) ||
            !int.TryParse(file["epoch-".Length..^".ckpt".Length], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var epoch))
        {
            return null;
        }
        return (point, epoch);
    }

    /// <summary>The checkpoint blob names of a point, oldest epoch first.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string experimentId, string pointId, CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.CheckpointContainer(experimentId));
        var names = new List<string>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"points/{pointId}/" }, cancellationToken))
            {
                names.Add(item.Name);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return names;
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using CapacityGrid.Analysis.Measures.Dataset;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Grains.Datasets;

/// <summary>
/// Dataset measures, computed once per dataset: kept in memory and in blob storage (container
/// <c>capgrid-datasets</c>, one JSON blob per dataset spec), computed on the thread pool the first time
/// they are asked for. A dataset of 60,000 images takes a minute or two, so callers ask without waiting.
/// </summary>
public sealed partial class DatasetMeasureCache(BlobServiceClient blobs, NativeWork work, ILogger<DatasetMeasureCache> logger)
{
    /// <summary>The blob container of cached dataset measures.</summary>
    public const string Container = "capgrid-datasets";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Lazy<Task<Measured>>> _measures = new();

    /// <summary>
    /// The measures of <paramref name="spec"/>'s dataset, if they are ready; otherwise starts computing them (once)
    /// and returns null. A failed computation is reported with its error, once: the next call tries again (the data
    /// may have been fixed since, as for a point's retried run).
    /// </summary>
    public DatasetMeasurement? TryGet(DatasetSpec spec)
    {
        var key = Key(spec);
        // Minutes of CPU for a large dataset: a thread of its own, not the thread pool's.
        var lazy = _measures.GetOrAdd(key, k => new Lazy<Task<Measured>>(() => work.Track(Task.Factory.StartNew(
            () => LoadOrComputeAsync(k, spec), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap())));
        var task = lazy.Value;
        if (!task.IsCompletedSuccessfully)
        {
            return null;
        }
        if (task.Result.Failed)
        {
            _measures.TryRemove(new KeyValuePair<string, Lazy<Task<Measured>>>(key, lazy));
        }
        return task.Result.Measurement;
    }

    private async Task<Measured> LoadOrComputeAsync(string key, DatasetSpec spec)
    {
        var blob = blobs.GetBlobContainerClient(Container).GetBlobClient($"{key}.json");
        try
        {
            var stored = (await blob.DownloadContentAsync()).Value.Content.ToObjectFromJson<DatasetMeasures>(Json)!;
            return new Measured(new DatasetMeasurement(stored), Failed: false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not measured yet.
        }
        DatasetMeasures measures;
        try
        {
            measures = new DatasetMeasurer().Measure(DatasetCache.LoadRaw(spec), work.Stopping);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            LogFailed(e, spec.Kind);
            return new Measured(new DatasetMeasurement(null, e.Message), Failed: true);
        }
        await blobs.GetBlobContainerClient(Container).CreateIfNotExistsAsync();
        await blob.UploadAsync(BinaryData.FromObjectAsJson(measures, Json), overwrite: true);
        return new Measured(new DatasetMeasurement(measures), Failed: false);
    }

    private sealed record Measured(DatasetMeasurement Measurement, bool Failed);

    private static string Key(DatasetSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(spec, SpecParser.JsonOptions))))[..32];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Measuring a {Kind} dataset failed")]
    private partial void LogFailed(Exception exception, string kind);
}

using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CapacityGrid.Client.Report;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Storage;

namespace CapacityGrid.Bench.Faults;

/// <summary>
/// Runs one sweep of the spec under one fault: submit, follow with <c>capgrid watch</c> in the background,
/// inject the fault once a third of the epochs are done (spread over the sweep for repeated kills), then wait
/// for the CLI to write the capacity map.
/// </summary>
public sealed class FaultSweep(LocalCluster cluster, string spec, string outDir, int epochs, int points)
{
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(10);
    private readonly Capgrid _capgrid = new(cluster);
    private readonly Random _random = new(7);

    /// <summary>A sweep after its fault: how many faults were injected, how capgrid ended, the map it wrote.</summary>
    public sealed record Faulted(int Count, Capgrid.Result Result, CapacityMap? Map, string Note, IReadOnlyDictionary<string, int> Corrupted);

    private int EpochsTotal => epochs * points;

    /// <summary>The sweep with no fault: the reference map.</summary>
    public async Task<Faulted> RunUninterruptedAsync(string id)
    {
        var watch = await SubmitAndWatchAsync(id);
        return await EndAsync(id, 0, watch, "");
    }

    /// <summary>Kills a random silo with SIGKILL <paramref name="kills"/> times during the sweep, restarting it each time.</summary>
    public async Task<Faulted> KillSilosAsync(string id, int kills)
    {
        var watch = await SubmitAndWatchAsync(id);
        var victims = new List<int>();
        for (var k = 1; k <= kills; k++)
        {
            if (!await WaitForEpochsAsync(id, EpochsTotal * k / (kills + 1)))
            {
                break;
            }
            var victim = _random.Next(cluster.SiloCount);
            cluster.KillSilo(victim);
            victims.Add(victim);
            await cluster.StartSilosAsync([victim]);
        }
        return await EndAsync(id, victims.Count, watch, $"silos killed: {string.Join(", ", victims)}");
    }

    /// <summary>Stops Azurite for <paramref name="outage"/>, then starts it again on the same ports and data.</summary>
    public async Task<Faulted> StopStorageAsync(string id, TimeSpan outage)
    {
        var watch = await SubmitAndWatchAsync(id);
        await WaitForEpochsAsync(id, EpochsTotal / 3);
        await cluster.StopStorageAsync();
        await Task.Delay(outage);
        await cluster.StartStorageAsync();
        var faulted = await EndAsync(id, 1, watch, "");
        return faulted with { Note = $"{outage.TotalSeconds:0} s outage; {cluster.LogLines("did not answer").Count} storage-retry warnings in the silo logs" };
    }

    /// <summary>
    /// Freezes every silo, corrupts the newest checkpoint of every point in training (one byte flipped, metadata
    /// kept, so its SHA-256 no longer matches), kills the silos and the client, and starts them again: each such
    /// point must detect the corruption when it resumes and fall back to the checkpoint before.
    /// </summary>
    public async Task<Faulted> CorruptCheckpointsAsync(string id)
    {
        var watch = await SubmitAndWatchAsync(id);
        await WaitForEpochsAsync(id, EpochsTotal / 3);
        Dictionary<string, string> corrupted;
        // Freeze the silos so that no checkpoint is written meanwhile; try again shortly if no point is mid-training.
        for (var tries = 0; ; tries++)
        {
            cluster.Freeze(true);
            corrupted = await CorruptNewestAsync(id);
            if (corrupted.Count > 0 || tries == 100)
            {
                break;
            }
            cluster.Freeze(false);
            await Task.Delay(300);
        }
        watch.Kill();
        for (var i = 0; i < cluster.SiloCount; i++)
        {
            cluster.KillSilo(i);
        }
        await cluster.StartSilosAsync(Enumerable.Range(0, cluster.SiloCount));
        var rewatch = _capgrid.Start("watch", id, "--out", outDir, "--connect-timeout", "180");
        var faulted = await EndAsync(id, corrupted.Count, rewatch, "");
        var detected = corrupted.Keys.Count(blob => cluster.LogLines(blob).Any(l => l.Contains("cannot be used", StringComparison.Ordinal)));
        return faulted with
        {
            Note = $"{detected} of {corrupted.Count} corrupt checkpoints detected by hash (a warning names each)",
            Corrupted = corrupted.Values.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count()),
        };
    }

    /// <summary>Kills every silo and the watching client with SIGKILL, starts the silos again and runs <c>capgrid resume</c>.</summary>
    public async Task<Faulted> KillEverythingAsync(string id)
    {
        var watch = await SubmitAndWatchAsync(id);
        await WaitForEpochsAsync(id, EpochsTotal / 3);
        watch.Kill();
        for (var i = 0; i < cluster.SiloCount; i++)
        {
            cluster.KillSilo(i);
        }
        await cluster.StartSilosAsync(Enumerable.Range(0, cluster.SiloCount));
        var resume = _capgrid.Start("resume", id, "--out", outDir, "--connect-timeout", "180");
        return await EndAsync(id, 1, resume, "resumed with capgrid resume");
    }

    private async Task<Capgrid.Running> SubmitAndWatchAsync(string id)
    {
        var submit = await _capgrid.RunAsync("submit", spec, "--id", id);
        if (submit.ExitCode != 0)
        {
            throw new InvalidOperationException($"submit {id}: {submit}");
        }
        return _capgrid.Start("watch", id, "--out", outDir);
    }

    // False when the sweep completed first (nothing left to interrupt).
    private async Task<bool> WaitForEpochsAsync(string id, int done)
    {
        while (true)
        {
            if (await _capgrid.StatusAsync(id) is { } status)
            {
                if (status.GetProperty("epochsDone").GetInt32() >= done)
                {
                    return true;
                }
                if (status.GetProperty("state").GetString() == "completed")
                {
                    return false;
                }
            }
            await Task.Delay(500);
        }
    }

    private async Task<Faulted> EndAsync(string id, int count, Capgrid.Running watch, string note)
    {
        var result = await watch.WaitAsync(SweepTimeout);
        var path = Path.Combine(outDir, id, "capacity-map.json");
        var map = File.Exists(path) ? CapacityMapFile.Read(path) : null;
        return new Faulted(count, result, map, note, new Dictionary<string, int>());
    }

    private static int Epoch(string blob) => int.Parse(blob[(blob.LastIndexOf('-') + 1)..^".ckpt".Length], System.Globalization.CultureInfo.InvariantCulture);

    // Blob name -> point id of each corrupted checkpoint.
    private async Task<Dictionary<string, string>> CorruptNewestAsync(string id)
    {
        var container = new BlobServiceClient(cluster.Storage).GetBlobContainerClient(StorageNames.CheckpointContainer(id));
        var newest = new Dictionary<string, string>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = "points/" }))
        {
            var point = blob.Name.Split('/')[1];
            if (!newest.TryGetValue(point, out var seen) || string.CompareOrdinal(blob.Name, seen) > 0)
            {
                newest[point] = blob.Name;
            }
        }
        var corrupted = new Dictionary<string, string>();
        // A point in training, with an epoch before its newest to fall back to.
        foreach (var (point, name) in newest.Where(n => Epoch(n.Value) is var e && e >= 2 && e < epochs))
        {
            var client = container.GetBlobClient(name);
            var metadata = (await client.GetPropertiesAsync()).Value.Metadata;
            var payload = (await client.DownloadContentAsync()).Value.Content.ToArray();
            payload[payload.Length / 2] ^= 0xFF;
            await client.UploadAsync(new BinaryData(payload), new BlobUploadOptions { Metadata = metadata });
            corrupted[name] = point;
        }
        return corrupted;
    }
}

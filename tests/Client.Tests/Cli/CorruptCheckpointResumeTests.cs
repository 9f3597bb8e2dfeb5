using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CapacityGrid.Grains.Storage;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>
/// The newest checkpoint of a point in training is corrupted while its cluster is down: on resume the point must
/// detect it by its SHA-256, fall back to the checkpoint before, and end exactly as an uninterrupted run does.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class CorruptCheckpointResumeTests(StandaloneSiloFixture cluster) : IClassFixture<StandaloneSiloFixture>, IDisposable
{
    // Many short epochs: the silo must stop while points still train, after a status poll (a process start) that
    // took longer than 6 epochs of 12,000 samples on an idle machine.
    private const int Epochs = 100;
    private readonly string _out = Directory.CreateTempSubdirectory("capgrid-corrupt-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task Resume_WhenTheNewestCheckpointIsCorrupt_FallsBackToThePreviousAndEndsAsAnUninterruptedRun()
    {
        var spec = Path.Combine(_out, "spec.json");
        File.WriteAllText(spec, $$"""
            { "name": "corrupt", "dataset": { "kind": "teacher", "inputDim": 8, "classes": 3, "samples": 3000, "seed": 3 },
              "grid": { "widths": [4, 8], "depths": [1], "seeds": [1] },
              "training": { "epochs": {{Epochs}}, "batchSize": 8 } }
            """);
        Assert.Equal(0, (await CapgridAsync("submit", spec, "--id", "uninterrupted")).ExitCode);
        Assert.Equal(0, (await CapgridAsync("watch", "uninterrupted", "--out", _out)).ExitCode);
        Assert.Equal(0, (await CapgridAsync("submit", spec, "--id", "corrupted")).ExitCode);
        await WaitForEpochsAsync("corrupted", 2);
        await cluster.StopSiloAsync();
        var corrupted = await CorruptNewestUnfinishedAsync("corrupted");
        await cluster.StartAsync();

        var resume = await CapgridAsync("resume", "corrupted", "--out", _out);

        Assert.True(resume.ExitCode == 0, resume.Error);
        Assert.NotEmpty(corrupted);
        var expected = Points("uninterrupted");
        var points = Points("corrupted");
        Assert.Equal(expected.Keys.Order(), points.Keys.Order());
        foreach (var (id, point) in points)
        {
            Assert.Equal("finished", point.GetProperty("status").GetString());
            AssertSameEpochs(expected[id], point);
            var history = point.GetProperty("history");
            Assert.Equal(1, history.GetProperty("completions").GetInt32());
            if (!corrupted.ContainsKey(id))
            {
                Assert.Equal(Epochs, history.GetProperty("epochsTrained").GetInt32());
            }
        }
        foreach (var (id, epoch) in corrupted)
        {
            var history = points[id].GetProperty("history");
            var starts = history.GetProperty("runStartEpochs").EnumerateArray().Select(e => e.GetInt32()).ToList();
            Assert.Equal(epoch - 1, starts[^1]);
            // The resumed run trains epoch..Epochs again; the first run recorded epoch epochs, or epoch - 1 when the silo
            // stopped after writing the corrupted checkpoint but before recording its epoch (then nothing but the
            // corrupt checkpoint's epoch is trained twice either way).
            var firstRun = history.GetProperty("epochsTrained").GetInt32() - (Epochs - epoch + 1);
            Assert.InRange(firstRun, epoch - 1, epoch);
        }
    }

    // Same accuracies and losses epoch by epoch, to float precision: evaluation sums float32 values on several
    // threads, so two runs of the same weights can differ in the last bits of a loss.
    private static void AssertSameEpochs(JsonElement expected, JsonElement actual)
    {
        var want = expected.GetProperty("epochs").EnumerateArray().ToList();
        var got = actual.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal(want.Select(e => e.GetProperty("epoch").GetInt32()), got.Select(e => e.GetProperty("epoch").GetInt32()));
        foreach (var (w, g) in want.Zip(got))
        {
            foreach (var key in new[] { "trainAccuracy", "testAccuracy", "trainLoss", "testLoss" })
            {
                Assert.Equal(w.GetProperty(key).GetDouble(), g.GetProperty(key).GetDouble(), 1e-6);
            }
        }
    }

    private Task<CliRun> CapgridAsync(params string[] args) => CliRun.InvokeAsync([.. args, .. cluster.ClusterArgs]);

    private Dictionary<string, JsonElement> Points(string id)
    {
        using var map = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, id, "capacity-map.json")));
        return map.RootElement.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("pointId").GetString()!, p => p.Clone());
    }

    // Flips a byte of the newest checkpoint of every point that has some but not all of its epochs (metadata kept,
    // so the stored SHA-256 no longer matches); returns point id -> the corrupted checkpoint's epoch.
    private async Task<Dictionary<string, int>> CorruptNewestUnfinishedAsync(string id)
    {
        var container = new BlobServiceClient(cluster.Storage).GetBlobContainerClient(StorageNames.CheckpointContainer(id));
        var newest = new Dictionary<string, string>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = "points/" }, TestContext.Current.CancellationToken))
        {
            var point = blob.Name.Split('/')[1];
            if (!newest.TryGetValue(point, out var seen) || string.CompareOrdinal(blob.Name, seen) > 0)
            {
                newest[point] = blob.Name;
            }
        }
        var corrupted = new Dictionary<string, int>();
        foreach (var (point, name) in newest)
        {
            var epoch = int.Parse(name[(name.LastIndexOf('-') + 1)..^".ckpt".Length]);
            if (epoch >= Epochs)
            {
                continue;
            }
            var client = container.GetBlobClient(name);
            var metadata = (await client.GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.Metadata;
            var payload = (await client.DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToArray();
            payload[payload.Length / 2] ^= 0xFF;
            await client.UploadAsync(new BinaryData(payload), new BlobUploadOptions { Metadata = metadata }, TestContext.Current.CancellationToken);
            corrupted[point] = epoch;
        }
        return corrupted;
    }

    private Task WaitForEpochsAsync(string id, int epochs) =>
        Eventually.WaitForAsync(async () =>
        {
            var status = await CapgridAsync("status", id, "--json");
            using var json = JsonDocument.Parse(status.Output);
            return json.RootElement.GetProperty("epochsDone").GetInt32() >= epochs;
        }, TimeSpan.FromMinutes(1), $"{epochs} epochs of {id}");
}

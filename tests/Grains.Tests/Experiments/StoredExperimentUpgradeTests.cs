using System.Text.Json;
using Azure.Storage.Blobs;
using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Tests.Fixtures;

namespace CapacityGrid.Grains.Tests.Experiments;

/// <summary>
/// Experiments really stored by earlier builds (Stored/&lt;commit&gt;: every blob the grains of that commit wrote to Azurite
/// for a finished 2-point sweep, a gaussian-mixture grid of widths 4 and 8, 2 epochs, its capacity map built), read by
/// this build: grain state, checkpoints and the map must survive an upgrade. Captured by running that commit's grain tests
/// with a test that listed and downloaded every blob of the experiment, its metadata beside it.
/// </summary>
[Collection(GridCollection.Name)]
public sealed class StoredExperimentUpgradeTests(GridClusterFixture fixture)
{
    [Theory]
    [InlineData("3804923")] // session 7's landed build, before the spec's choices had typed views
    [InlineData("e079cfd")] // session 8's, whose state holds "TypedKind":2 beside "Kind":"gaussian-mixture"
    public async Task Experiment_StoredByAnEarlierBuild_ReadsItsStatusPointsCheckpointsAndMap(string build)
    {
        var token = TestContext.Current.CancellationToken;
        var id = $"upgrade-{build}";
        await UploadAsync(Path.Combine(AppContext.BaseDirectory, "Experiments", "Stored", build), token);
        var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>(id);

        var status = await experiment.GetStatusAsync();
        var spec = await experiment.GetSpecAsync();
        var points = await experiment.GetPointsAsync();
        var map = await fixture.Cluster.Client.GetGrain<IAnalysisGrain>(id).BuildCapacityMapAsync();

        Assert.Equal((ExperimentState.Completed, 2, 2, 0, 4), (status.State, status.Total, status.Finished, status.Failed, status.EpochsDone));
        Assert.Equal(DatasetKind.GaussianMixture, spec!.Dataset.TypedKind);
        Assert.Equal([4, 8], points.Select(p => p.HiddenWidths[0]).Order());
        foreach (var point in points)
        {
            var result = await fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, point.PointId)).GetResultAsync();
            Assert.Equal(PointStatus.Finished, result.Status);
            Assert.Equal([1, 2], result.Epochs.Select(e => e.Epoch));
            Assert.NotNull(await fixture.Checkpoints.ReadAsync(id, result.Epochs[^1].CheckpointBlob, token));
        }
        Assert.Equal(2, map.Points.Count);
        Assert.All(map.Points, row => Assert.Equal(PointStatus.Finished, row.Status));
        Assert.Equal(3, map.Dataset.Classes);
    }

    // Each file's path below the build's folder is its container and then its blob name; a blob's metadata (a
    // checkpoint's format and hash) sits beside it as JSON.
    private const string MetadataSuffix = ".metadata.json";

    private async Task UploadAsync(string folder, CancellationToken token)
    {
        var blobs = new BlobServiceClient(fixture.ConnectionString);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(MetadataSuffix, StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar);
            var container = blobs.GetBlobContainerClient(relative[0]);
            await container.CreateIfNotExistsAsync(cancellationToken: token);
            var blob = container.GetBlobClient(string.Join('/', relative[1..]));
            await blob.UploadAsync(file, overwrite: true, token);
            if (File.Exists(file + MetadataSuffix))
            {
                var metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(file + MetadataSuffix, token));
                await blob.SetMetadataAsync(metadata, cancellationToken: token);
            }
        }
    }
}

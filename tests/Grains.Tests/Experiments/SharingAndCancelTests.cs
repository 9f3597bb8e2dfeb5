using System.Text.Json;
using Azure.Storage.Blobs;
using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Tests.Fixtures;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityGrid.Grains.Tests.Experiments;

[Collection(GridCollection.Name)]
public sealed class SharingAndCancelTests(GridClusterFixture fixture)
{
    private static ExperimentSpec Spec(string name, int epochs, int samples = 600) => new(
        name,
        new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: samples, Seed: 5),
        new GridSpec([4, 8, 16], [1, 2], [1]),
        new TrainingSpec(epochs, LearningRate: 0.01, BatchSize: 8));

    private IExperimentGrain Experiment(string id) => fixture.Cluster.Client.GetGrain<IExperimentGrain>(id);

    [Fact]
    public async Task TwoExperimentsAtOnce_BothComplete_AndNoSiloRunsMoreTrainingsThanItsSlots()
    {
        var (a, b) = (Id("share-a"), Id("share-b"));

        await Task.WhenAll(Experiment(a).StartAsync(Spec("a", 2)), Experiment(b).StartAsync(Spec("b", 2)));
        var statuses = await Task.WhenAll(WaitAsync(a, ExperimentState.Completed), WaitAsync(b, ExperimentState.Completed));

        Assert.All(statuses, s => Assert.Equal(6, s.Finished));
        var pools = fixture.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<SlotPool>()).ToList();
        Assert.All(pools, pool => Assert.InRange(pool.PeakInUse, 0, pool.Capacity));
        Assert.All(pools, pool => Assert.Equal(0, pool.InUse));
        Assert.Contains(pools, pool => pool.PeakInUse > 0);
    }

    [Fact]
    public async Task CancelAsync_DuringTraining_StopsEveryPointAndFreesTheSlots()
    {
        var id = Id("cancel");
        await Experiment(id).StartAsync(Spec("cancel", epochs: 500, samples: 3000));
        await Eventually.ValueAsync(Experiment(id).GetStatusAsync, s => s.EpochsDone > 0, what: "the first epoch");

        var status = await Experiment(id).CancelAsync();

        Assert.Equal(ExperimentState.Cancelled, status.State);
        Assert.Equal(6, status.Ended);
        await Eventually.WaitForAsync(() => fixture.Cluster.Silos.All(s => s.ServiceProvider.GetRequiredService<SlotPool>().InUse == 0), TimeSpan.FromSeconds(10));
        var points = await Experiment(id).GetPointsAsync();
        var results = await Task.WhenAll(points.Select(p => fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, p.PointId)).GetResultAsync()));
        Assert.All(results.Where(r => r.Attempts > 0), r => Assert.Equal(PointStatus.Cancelled, r.Status));
        // Nothing trains on: the epoch counts stay where they were.
        var epochs = results.Sum(r => r.EpochsTrained);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var later = await Task.WhenAll(points.Select(p => fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, p.PointId)).GetResultAsync()));
        Assert.Equal(epochs, later.Sum(r => r.EpochsTrained));
    }

    [Fact]
    public async Task CancelAsync_DuringTraining_StoresTheEpochsCountedSinceTheLastWrite()
    {
        var id = Id("cancel-count");
        await Experiment(id).StartAsync(Spec("cancel-count", epochs: 500, samples: 3000));
        await Eventually.ValueAsync(Experiment(id).GetStatusAsync, s => s.EpochsDone > 0, what: "the first epoch");

        var status = await Experiment(id).CancelAsync();

        // What a later activation (a restarted silo, another process) reads back is what this one reported.
        var blob = new BlobServiceClient(fixture.ConnectionString).GetBlobContainerClient("grainstate").GetBlobClient($"experiment-experiment/{id}.json");
        using var stored = JsonDocument.Parse((await blob.DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToString());
        Assert.True(status.EpochsDone > 0);
        Assert.Equal(status.EpochsDone, EpochsDone(stored.RootElement));
    }

    // The state's EpochsDone, wherever the grain storage's serializer nests it; absent is 0 (defaults are not written).
    private static int EpochsDone(JsonElement element) => Math.Max(0, Find(element));

    private static int Find(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name.Equals("EpochsDone", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Number)
                {
                    return property.Value.GetInt32();
                }
                if (Find(property.Value) is var nested and >= 0)
                {
                    return nested;
                }
            }
        }
        return -1;
    }

    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private async Task<ExperimentStatus> WaitAsync(string id, ExperimentState state)
    {
        ExperimentStatus status = await Experiment(id).GetStatusAsync();
        await Eventually.WaitForAsync(async () => (status = await Experiment(id).GetStatusAsync()).State == state, TimeSpan.FromMinutes(2));
        return status;
    }
}

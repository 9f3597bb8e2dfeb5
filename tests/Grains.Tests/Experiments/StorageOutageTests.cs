using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Tests.Fixtures;

namespace CapacityGrid.Grains.Tests.Experiments;

/// <summary>Stops the storage of a cluster of its own for a while during a sweep.</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private const int Epochs = 12;
    private readonly GridClusterFixture _fixture = new() { SiloCount = 1, SlotsPerSilo = 2 };

    public ValueTask InitializeAsync() => _fixture.InitializeAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Sweep_WhenStorageIsGoneForSeconds_FinishesEveryPointWithEveryEpoch()
    {
        var id = $"outage-{Guid.NewGuid():N}"[..20];
        var experiment = _fixture.Cluster.Client.GetGrain<IExperimentGrain>(id);
        await experiment.StartAsync(new ExperimentSpec(
            "outage",
            new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 3000, Seed: 4),
            new GridSpec([8, 16], [1], [1]),
            new TrainingSpec(Epochs, BatchSize: 4, LearningRate: 0.01)));
        await Eventually.WaitForAsync(async () => (await experiment.GetStatusAsync()).EpochsDone >= 2);

        await _fixture.StopStorageAsync();
        await Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await _fixture.StartStorageAsync();
        await Eventually.WaitForAsync(async () => (await experiment.GetStatusAsync()).State == ExperimentState.Completed);

        var status = await experiment.GetStatusAsync();
        Assert.Equal((2, 0), (status.Finished, status.Failed));
        foreach (var point in await experiment.GetPointsAsync())
        {
            var result = await _fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, point.PointId)).GetResultAsync();
            Assert.Equal(Enumerable.Range(1, Epochs), result.Epochs.Select(e => e.Epoch));
            var blobs = await _fixture.Checkpoints.ListAsync(id, point.PointId, TestContext.Current.CancellationToken);
            Assert.Equal(result.Epochs.Select(e => e.CheckpointBlob), blobs);
        }
    }
}

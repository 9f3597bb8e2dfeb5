using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Tests.Fixtures;
using Orleans.Core.Internal;

namespace CapacityGrid.Grains.Tests.Training;

[Collection(GridCollection.Name)]
public sealed class CheckpointEveryTests(GridClusterFixture fixture)
{
    [Fact]
    public async Task APointCheckpointingEveryThirdEpoch_StoresEveryThirdCheckpointAndTheLast()
    {
        var (id, experiment, trainer, pointId) = await StartAsync(new TrainingSpec(7, CheckpointEvery: 3), samples: 200, batchSize: 64);

        await ExperimentWaits.CompletedAsync(experiment);

        var stored = await fixture.Checkpoints.ListStoredAsync(id, pointId, TestContext.Current.CancellationToken);
        Assert.Equal([3, 6, 7], stored.Select(c => c.Epoch).Order());
        var result = await trainer.GetResultAsync();
        Assert.Equal(PointStatus.Finished, result.Status);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], result.Epochs.Select(e => e.Epoch));
        Assert.Equal([3, 6, 7], result.Epochs.Where(e => e.CheckpointBlob.Length > 0).Select(e => e.Epoch));
    }

    [Fact]
    public async Task APointCheckpointingEveryFourthEpoch_DeactivatedMidRun_ResumesFromTheLastCheckpointWritten()
    {
        var (_, experiment, trainer, _) = await StartAsync(new TrainingSpec(20, LearningRate: 0.01, BatchSize: 8, CheckpointEvery: 4), samples: 4000, batchSize: 8);

        // Past the first checkpoint (epoch 4), then the activation goes away mid-run, its later epochs unwritten.
        await Eventually.ValueAsync(trainer.GetResultAsync, r => r.Epochs.Count >= 5, what: "5 epochs of the first run");
        await trainer.AsReference<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await Eventually.WaitForAsync(async () => (await trainer.GetResultAsync()).Attempts >= 2, what: "a second run");
        await ExperimentWaits.CompletedAsync(experiment);

        var result = await trainer.GetResultAsync();
        Assert.Equal(PointStatus.Finished, result.Status);
        var resumedAt = result.RunStartEpochs![^1];
        Assert.True(resumedAt > 0 && resumedAt % 4 == 0, $"runs started at epochs {string.Join(", ", result.RunStartEpochs)}");
        Assert.Equal(Enumerable.Range(1, 20), result.Epochs.Select(e => e.Epoch));
    }

    private async Task<(string Id, IExperimentGrain Experiment, ITrainerGrain Trainer, string PointId)> StartAsync(TrainingSpec training, int samples, int batchSize)
    {
        var id = $"every-{Guid.NewGuid():N}"[..20];
        var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>(id);
        await experiment.StartAsync(new ExperimentSpec(
            "checkpoint-every",
            new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: samples, Seed: 5),
            new GridSpec([8], [1], [1]),
            training with { BatchSize = batchSize }));
        var pointId = (await experiment.GetPointsAsync())[0].PointId;
        return (id, experiment, fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, pointId)), pointId);
    }
}

using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Tests.Fixtures;
using Orleans.Core.Internal;

namespace CapacityGrid.Grains.Tests.Training;

[Collection(GridCollection.Name)]
public sealed class ResumedPhasesTests(GridClusterFixture fixture)
{
    [Fact]
    public async Task APointResumedAfterItsTrainerWasDeactivated_KeepsTheFirstRunsPhasesAndAddsTheResume()
    {
        var id = $"phases-{Guid.NewGuid():N}"[..20];
        var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>(id);
        await experiment.StartAsync(new ExperimentSpec(
            "resumed-phases",
            new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 4000, Seed: 5),
            new GridSpec([8], [1], [1]),
            new TrainingSpec(20, LearningRate: 0.01, BatchSize: 8)));
        var trainer = fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, (await experiment.GetPointsAsync())[0].PointId));

        // The first run's phases as its trainer stored them after 4 epochs; then its activation goes away mid-run.
        var first = await Eventually.ValueAsync(trainer.GetResultAsync, r => r.Epochs.Count >= 4, what: "4 epochs of the first run");
        await trainer.AsReference<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        // The next call activates the trainer again, which resumes the point from its last checkpoint.
        await Eventually.WaitForAsync(async () => (await trainer.GetResultAsync()).Attempts >= 2, what: "a second run");
        await ExperimentWaits.CompletedAsync(experiment);

        var result = await trainer.GetResultAsync();
        Assert.Equal(PointStatus.Finished, result.Status);
        Assert.True(result.RunStartEpochs!.Count >= 2 && result.RunStartEpochs[^1] > 0, $"runs started at epochs {string.Join(", ", result.RunStartEpochs)}");
        var before = first.Phases!;
        var phases = result.Phases!;
        Assert.True(before.TrainingSteps > 0, $"first run's training steps {before.TrainingSteps} s");
        Assert.All(before.Named().Zip(phases.Named()), p => Assert.True(p.Second.Seconds >= p.First.Seconds, $"{p.First.Phase}: {p.Second.Seconds} < {p.First.Seconds}"));
        Assert.True(phases.ResumeLoad > before.ResumeLoad, $"resume load {phases.ResumeLoad} s");
        Assert.True(phases.TrainingSteps > before.TrainingSteps, $"training steps {phases.TrainingSteps} s, first run {before.TrainingSteps} s");
    }
}

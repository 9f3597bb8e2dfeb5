using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Tests.Fixtures;
using Orleans.Runtime;

namespace CapacityGrid.Grains.Tests.Experiments;

[Collection(GridCollection.Name)]
public sealed class ExperimentGrainTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _id = $"exp-{Guid.NewGuid():N}"[..24];

    private static ExperimentSpec Spec(int epochs = 3) => new(
        "fanout",
        new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 600, Seed: 5),
        new GridSpec([4, 8, 16], [1], [1, 2]),
        new TrainingSpec(epochs, LearningRate: 0.01, BatchSize: 32));

    private IExperimentGrain Experiment => fixture.Cluster.Client.GetGrain<IExperimentGrain>(_id);

    [Fact]
    public async Task StartAsync_WithSixPoints_TrainsEveryPointOnceAndCheckpointsEveryEpoch()
    {
        var status = await Experiment.StartAsync(Spec());
        status = await WaitForCompletionAsync();

        Assert.Equal((6, 6, 0, 0), (status.Total, status.Finished, status.Failed, status.Diverged));
        Assert.Equal(18, status.EpochsDone);
        foreach (var point in await Experiment.GetPointsAsync())
        {
            var result = await fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(_id, point.PointId)).GetResultAsync();
            Assert.Equal(PointStatus.Finished, result.Status);
            Assert.Equal([1, 2, 3], result.Epochs.Select(e => e.Epoch));
            var blobs = await fixture.Checkpoints.ListAsync(_id, point.PointId, TestContext.Current.CancellationToken);
            Assert.Equal(result.Epochs.Select(e => e.CheckpointBlob), blobs);
            Assert.NotNull(await fixture.Checkpoints.ReadAsync(_id, blobs[^1], TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task BuildCapacityMapAsync_AfterTheSweep_HasOneTrainedRowPerPointAndTheLabelEntropy()
    {
        await Experiment.StartAsync(Spec(epochs: 2));
        await WaitForCompletionAsync();

        var map = await fixture.Cluster.Client.GetGrain<IAnalysisGrain>(_id).BuildCapacityMapAsync();

        Assert.Equal(6, map.Points.Count);
        Assert.Equal(3, map.Dataset.Classes);
        Assert.InRange(map.Dataset.LabelEntropyBits, 0.5, Math.Log2(3));
        Assert.All(map.Points, row =>
        {
            Assert.Equal(PointStatus.Finished, row.Status);
            Assert.Equal(8L * row.HiddenWidths[0] + row.HiddenWidths[0] + row.HiddenWidths[0] * 3L + 3, row.ParameterCount);
            Assert.InRange(row.TestAccuracy!.Value, 0.34, 1.0);
            Assert.True(row.WeightEntropyBits > 0);
            // One hidden layer of width w on 8 inputs: w neurons of 9 bits, then 3 outputs capped at w bits.
            Assert.Equal(row.HiddenWidths[0] * 9.0 + Math.Min(3.0 * (row.HiddenWidths[0] + 1), row.HiddenWidths[0]), row.ArchitectureCapacityBits);
        });
        // Wider points hold more weight information.
        Assert.True(map.Points.Single(p => p.HiddenWidths[0] == 16 && p.Seed == 1).WeightEntropyBits
                    > map.Points.Single(p => p.HiddenWidths[0] == 4 && p.Seed == 1).WeightEntropyBits);
    }

    [Fact]
    public async Task BuildCapacityMapAsync_AfterTheSweep_GivesEveryPointItsPhasesWithinTheSweepsWallTime()
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        await Experiment.StartAsync(Spec(epochs: 2));
        await WaitForCompletionAsync();
        var elapsed = wall.Elapsed.TotalSeconds;

        var map = await fixture.Cluster.Client.GetGrain<IAnalysisGrain>(_id).BuildCapacityMapAsync();

        Assert.Equal(6, map.Points.Count);
        Assert.All(map.Points, row =>
        {
            var phases = row.Phases!;
            Assert.All(phases.Named(), p => Assert.InRange(p.Seconds, 0, elapsed));
            Assert.True(phases.TrainingSteps > 0, $"{row.PointId}: training steps {phases.TrainingSteps} s");
            Assert.True(phases.Evaluation > 0, $"{row.PointId}: evaluation {phases.Evaluation} s");
            Assert.True(phases.CheckpointWrite > 0, $"{row.PointId}: checkpoint writes {phases.CheckpointWrite} s");
            Assert.True(phases.FinalMeasures > 0, $"{row.PointId}: final measures {phases.FinalMeasures} s");
            // One run each: its phases before and on the training thread follow one another within the sweep.
            Assert.True(phases.SlotWait + phases.DataLoad + phases.ResumeLoad + phases.TrainingThread <= elapsed, $"{row.PointId}: {phases}");
            Assert.True(phases.TrainingSteps + phases.Evaluation + phases.LayerMeasures + phases.FinalMeasures <= elapsed, $"{row.PointId}: {phases}");
            if (row.History!.BatchedWith == 1)
            {
                // Trained alone: the split is of this point's own training thread.
                Assert.True(phases.TrainingSteps + phases.Evaluation + phases.LayerMeasures + phases.FinalMeasures <= phases.TrainingThread, $"{row.PointId}: {phases}");
            }
        });
    }

    [Fact]
    public async Task State_AfterEveryActivationIsCollected_IsReadBackFromBlobStorage()
    {
        await Experiment.StartAsync(Spec(epochs: 1));
        var before = await WaitForCompletionAsync();

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        var after = await Experiment.GetStatusAsync();

        Assert.Equal(before with { EpochsDone = after.EpochsDone }, after);
        Assert.Equal(6, after.EpochsDone);
        Assert.NotNull(await Experiment.GetSpecAsync());
    }

    [Fact]
    public async Task StartAsync_AgainWithAnotherSpecUnderTheSameId_IsRefused()
    {
        await Experiment.StartAsync(Spec(epochs: 1));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Experiment.StartAsync(Spec(epochs: 2)));

        Assert.Contains("different spec", e.Message);
        await WaitForCompletionAsync();
    }

    private Task<ExperimentStatus> WaitForCompletionAsync() => ExperimentWaits.CompletedAsync(Experiment, Timeout);
}

using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Tests.Fixtures;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityGrid.Grains.Tests.Experiments;

/// <summary>
/// One shape x 4 seeds on a silo of one slot, trained by the real engine on a cluster that batches and on one
/// that does not (Training:MaxBatchedPoints 1).
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class BatchedGridTests : IAsyncLifetime
{
    // The library's stacked-versus-separate tolerances (BatchedMlpTrainerTests): losses relative, accuracies
    // within one sample.
    private const double LossTolerance = 5e-6;
    private const int Seeds = 4;
    private const int Epochs = 3;

    private static readonly ExperimentSpec Spec = new(
        "batched",
        new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 600, Seed: 5),
        new GridSpec([16], [2], [.. Enumerable.Range(1, Seeds)]),
        new TrainingSpec(Epochs, LearningRate: 1e-2));

    private readonly GridClusterFixture _batching = new() { SiloCount = 1, SlotsPerSilo = 1, MaxBatchedPoints = 8 };
    private readonly GridClusterFixture _alone = new() { SiloCount = 1, SlotsPerSilo = 1, MaxBatchedPoints = 1 };

    public async ValueTask InitializeAsync() => await Task.WhenAll(_batching.InitializeAsync().AsTask(), _alone.InitializeAsync().AsTask());

    public async ValueTask DisposeAsync()
    {
        await _batching.DisposeAsync();
        await _alone.DisposeAsync();
    }

    [Fact]
    public async Task Grid_OneShapeFourSeedsOnOneSlot_TrainsThemAsOneStackWithTheResultsOfSeparateTraining()
    {
        var (batched, batchedGrants) = await RunAsync(_batching, "stacked");
        var (alone, aloneGrants) = await RunAsync(_alone, "alone");
        var data = await _alone.Cluster.Silos.Single().ServiceProvider.GetRequiredService<DatasetCache>().GetAsync(Spec.Dataset);

        Assert.Equal(Enumerable.Repeat(Seeds, Seeds), batched.Select(r => r.BatchedWith));
        Assert.Equal(Enumerable.Repeat(1, Seeds), alone.Select(r => r.BatchedWith));
        Assert.Equal(1, batchedGrants);
        Assert.Equal(Seeds, aloneGrants);
        foreach (var (a, b) in alone.Zip(batched))
        {
            Assert.Equal(a.PointId, b.PointId);
            Assert.Equal(PointStatus.Finished, b.Status);
            Assert.Equal(a.ParameterCount, b.ParameterCount);
            Assert.Equal(a.Epochs.Select(e => e.Epoch), b.Epochs.Select(e => e.Epoch));
            foreach (var (e, s) in a.Epochs.Zip(b.Epochs))
            {
                AssertClose(e.TrainLoss, s.TrainLoss, $"{b.PointId} epoch {e.Epoch} train loss");
                AssertClose(e.TestLoss, s.TestLoss, $"{b.PointId} epoch {e.Epoch} test loss");
                Assert.True(Math.Abs(e.TrainAccuracy - s.TrainAccuracy) <= 1.0 / data.Train.Samples, $"{b.PointId} epoch {e.Epoch} train accuracy {s.TrainAccuracy} vs {e.TrainAccuracy}");
                Assert.True(Math.Abs(e.TestAccuracy - s.TestAccuracy) <= 1.0 / data.Test.Samples, $"{b.PointId} epoch {e.Epoch} test accuracy {s.TestAccuracy} vs {e.TestAccuracy}");
            }
        }
        // Seeds differ: the tolerance tells the points apart.
        Assert.True(Math.Abs(batched[0].Epochs[^1].TrainLoss - batched[1].Epochs[^1].TrainLoss) > 1000 * LossTolerance * batched[0].Epochs[^1].TrainLoss);
    }

    [Fact]
    public async Task Grid_BatchedPointsCheckpoint_ResumesASingleRunToThePointsResult()
    {
        var ct = TestContext.Current.CancellationToken;
        var (batched, _) = await RunAsync(_batching, "resume");
        var point = batched[2];
        Assert.Equal(Seeds, point.BatchedWith);
        var data = await _batching.Cluster.Silos.Single().ServiceProvider.GetRequiredService<DatasetCache>().GetAsync(Spec.Dataset);
        var payload = await _batching.Checkpoints.ReadAsync(ExperimentOf("resume"), point.Epochs[0].CheckpointBlob, ct);

        // As a point whose batched run was interrupted after epoch 1 resumes: alone, from its own checkpoint.
        var reports = new List<EpochReport>();
        var t = Spec.Training;
        var options = new TrainOptions(t.Epochs, t.TypedOptimizer, t.LearningRate, t.BatchSize, t.Momentum, t.WeightDecay, point.Seed);
        var model = PointModel.Of(new GridPoint(point.PointId, point.HiddenWidths, point.Seed, Spec.Grid.Activation), data);
        ClassifierTrainer.Train(data, model, options, reports.Add, ct, new ResumePoint(1, payload!));

        Assert.Equal([2, 3], reports.Select(r => r.Epoch));
        AssertClose(point.Epochs[^1].TrainLoss, reports[^1].TrainLoss, "resumed final train loss");
        AssertClose(point.Epochs[^1].TestLoss, reports[^1].TestLoss, "resumed final test loss");
    }

    private static string ExperimentOf(string name) => $"batched-{name}";

    private static async Task<(PointResult[] Results, long Grants)> RunAsync(GridClusterFixture fixture, string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = fixture.Cluster.Silos.Single().ServiceProvider.GetRequiredService<SlotPool>();
        var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>(ExperimentOf(name));
        // The slot is held while the points are handed out, so all of them wait for it together.
        var held = await pool.AcquireAsync("held", ct);
        var before = pool.Granted;
        await experiment.StartAsync(Spec);
        await Eventually.WaitForAsync(() => Task.FromResult(pool.Waiting == Seeds));
        held.Dispose();
        await Eventually.WaitForAsync(async () => (await experiment.GetStatusAsync()).State == ExperimentState.Completed, TimeSpan.FromMinutes(1));
        var points = await experiment.GetPointsAsync();
        var results = await Task.WhenAll(points.Select(p =>
            fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(ExperimentOf(name), p.PointId)).GetResultAsync()));
        return ([.. results.OrderBy(r => r.PointId, StringComparer.Ordinal)], pool.Granted - before);
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= LossTolerance * expected, $"{what}: {actual} vs {expected}");
}

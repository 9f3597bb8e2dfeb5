using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Tests.Fixtures;
using Orleans.Runtime;

namespace CapacityGrid.Grains.Tests.Experiments;

/// <summary>Kills a silo of a cluster of its own (the shared one must stay whole for other tests).</summary>
public sealed class SiloFailureTests : IAsyncLifetime
{
    private const int Epochs = 8;
    private readonly GridClusterFixture _fixture = new() { SiloCount = 3, SlotsPerSilo = 1 };

    public ValueTask InitializeAsync() => _fixture.InitializeAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Sweep_WhenASiloRunningAPointIsKilled_FinishesEveryPointOnceRedoingAtMostOneEpoch()
    {
        var id = $"kill-{Guid.NewGuid():N}"[..20];
        var client = _fixture.Cluster.Client;
        var experiment = client.GetGrain<IExperimentGrain>(id);
        await experiment.StartAsync(new ExperimentSpec(
            "kill",
            new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 4000, Seed: 5),
            new GridSpec([8, 16, 32], [1, 2], [1]),
            new TrainingSpec(Epochs, LearningRate: 0.01, BatchSize: 4)));
        var points = await experiment.GetPointsAsync();
        ITrainerGrain Trainer(GridPoint p) => client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, p.PointId));

        var victim = await FindPointInMidTrainingOnASecondarySiloAsync(points, Trainer);
        await _fixture.Cluster.KillSiloAsync(_fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(victim.Silo)), TestContext.Current.CancellationToken);

        var status = await ExperimentWaits.CompletedAsync(experiment, TimeSpan.FromMinutes(4));

        Assert.Equal((6, 0), (status.Finished, status.Failed));
        var results = await Task.WhenAll(points.Select(p => Trainer(p).GetResultAsync()));
        Assert.All(results, r =>
        {
            Assert.Equal(PointStatus.Finished, r.Status);
            Assert.Equal(Enumerable.Range(1, Epochs), r.Epochs.Select(e => e.Epoch));
            // Each interruption redoes at most the one epoch that was in flight.
            Assert.InRange(r.EpochsTrained - Epochs, 0, r.Attempts - 1);
        });
        Assert.True(results.Single(r => r.PointId == victim.Point.PointId).Attempts >= 2, "the killed point was resumed");
    }

    private async Task<(GridPoint Point, SiloAddress Silo)> FindPointInMidTrainingOnASecondarySiloAsync(
        IReadOnlyList<GridPoint> points, Func<GridPoint, ITrainerGrain> trainer)
    {
        var management = _fixture.Cluster.Client.GetGrain<IManagementGrain>(0);
        var primary = _fixture.Cluster.Silos[0].SiloAddress;
        async Task<PointOnSilo?> FindAsync()
        {
            foreach (var point in points)
            {
                var result = await trainer(point).GetResultAsync();
                if (result is { Status: PointStatus.Running, Epochs.Count: >= 1 and < Epochs - 2 }
                    && await management.GetActivationAddress(trainer(point)) is { } silo
                    && !silo.Equals(primary))
                {
                    return new PointOnSilo(point, silo);
                }
            }
            return null;
        }
        var found = await Eventually.NotNullAsync(FindAsync, TimeSpan.FromMinutes(1), "a point in mid-training on a secondary silo");
        return (found.Point, found.Silo);
    }

    private sealed record PointOnSilo(GridPoint Point, SiloAddress Silo);
}

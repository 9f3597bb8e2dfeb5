using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Analysis;
using CapacityGrid.Grains.Tests.Fixtures;
using Orleans.Core.Internal;

namespace CapacityGrid.Grains.Tests.Analysis;

/// <summary>The analysis grain builds its map from what the experiment handed it, never asking the experiment back.</summary>
[Collection(GridCollection.Name)]
public sealed class AnalysisInputTests(GridClusterFixture fixture)
{
    private readonly string _id = $"input-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task BuildCapacityMapAsync_ForPointsHandedWithoutAnyExperiment_ListsEveryPointAfterADeactivation()
    {
        // No experiment grain holds this id: only the hand-off names the spec and the points.
        var spec = new ExperimentSpec(
            "analysis-input",
            new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 600, Seed: 5),
            new GridSpec([2, 4, 8], [1], [1, 2]),
            new TrainingSpec(2, LearningRate: 0.01, BatchSize: 32));
        var points = GridPlanner.Expand(spec).ToArray();
        var analysis = fixture.Cluster.Client.GetGrain<IAnalysisGrain>(_id);
        await fixture.Cluster.Client.GetGrain<IAnalysisInputGrain>(_id).PrepareAsync(spec, points);
        await analysis.AsReference<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);

        var map = await analysis.BuildCapacityMapAsync();

        Assert.Equal("analysis-input", map.Name);
        Assert.Equal(points.Select(p => p.PointId), map.Points.Select(p => p.PointId));
        Assert.All(map.Points, p => Assert.Equal(PointStatus.Queued, p.Status));
        Assert.Equal(0, GrainCallCounter.Of(nameof(IExperimentGrain.GetSpecAsync), _id) + GrainCallCounter.Of(nameof(IExperimentGrain.GetPointsAsync), _id));
    }

    [Fact]
    public async Task BuildCapacityMapAsync_ForAnExperimentNeverHanded_SaysThereIsNoExperiment()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Cluster.Client.GetGrain<IAnalysisGrain>(_id).BuildCapacityMapAsync());

        Assert.Contains($"no experiment '{_id}'", error.Message);
    }
}

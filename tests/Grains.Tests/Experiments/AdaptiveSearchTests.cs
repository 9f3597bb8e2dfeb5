using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Experiments;
using CapacityGrid.Grains.Tests.Fixtures;
using Orleans.Runtime;

namespace CapacityGrid.Grains.Tests.Experiments;

[Collection(GridCollection.Name)]
public sealed class AdaptiveSearchTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _id = $"ada-{Guid.NewGuid():N}"[..24];

    private static ExperimentSpec Spec() => new(
        "adaptive",
        new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 600, Seed: 5),
        new GridSpec([2, 32], [1], [1]),
        new TrainingSpec(2, LearningRate: 0.01, BatchSize: 32),
        Search: new SearchSpec(SearchSpec.Adaptive, MinStep: 6, MaxRounds: 3));

    private IExperimentGrain Experiment => fixture.Cluster.Client.GetGrain<IExperimentGrain>(_id);

    [Fact]
    public async Task StartAsync_AdaptiveSearch_AddsPersistedPointsInsideTheKneeBracketAndCompletesWhenRefinementStops()
    {
        var spec = Spec();
        var coarse = GridPlanner.Expand(spec);

        await Experiment.StartAsync(spec);
        var status = await WaitForCompletionAsync();

        var points = await Experiment.GetPointsAsync();
        var results = await Task.WhenAll(points.Select(p =>
            fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(_id, p.PointId)).GetResultAsync()));
        Assert.Equal(coarse.Select(p => p.PointId), points.Take(coarse.Count).Select(p => p.PointId));
        Assert.InRange(points.Count, coarse.Count + 1, coarse.Count + 3);
        Assert.Equal((points.Count, points.Count), (status.Total, status.Finished));
        // Each round's point lies strictly between two widths trained before it: the bracket it refined.
        for (var i = coarse.Count; i < points.Count; i++)
        {
            var before = points.Take(i).Select(p => p.HiddenWidths[0]).ToList();
            var width = points[i].HiddenWidths[0];
            Assert.DoesNotContain(width, before);
            Assert.Contains(before, w => w < width);
            Assert.Contains(before, w => w > width);
        }
        // Refinement stopped because the bracket is small enough, or the rounds ran out.
        var bracket = KneeRefinement.Bracket(spec, points, results);
        Assert.True(bracket is null || bracket.Knee - bracket.Smaller <= 6 || points.Count == coarse.Count + 3);
        var map = await fixture.Cluster.Client.GetGrain<IAnalysisGrain>(_id).BuildCapacityMapAsync();
        Assert.Equal(points.Select(p => p.PointId), map.Points.Select(r => r.PointId));

        // The refined points and the finished refinement are stored: a fresh activation reads them back.
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.Equal(status with { EpochsDone = 0 }, (await Experiment.GetStatusAsync()) with { EpochsDone = 0 });
        Assert.Equal(points.Select(p => p.PointId), (await Experiment.GetPointsAsync()).Select(p => p.PointId));
    }

    private async Task<ExperimentStatus> WaitForCompletionAsync()
    {
        await Eventually.WaitForAsync(async () => (await Experiment.GetStatusAsync()).State == ExperimentState.Completed, Timeout);
        return await Experiment.GetStatusAsync();
    }
}

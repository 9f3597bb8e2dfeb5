using System.Text.Json;
using Azure.Storage.Blobs;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Tests.Fixtures;

namespace CapacityGrid.Grains.Tests.Analysis;

[Collection(GridCollection.Name)]
public sealed class CapacityAnalysisTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _id = $"cap-{Guid.NewGuid():N}"[..24];

    private IExperimentGrain Experiment => fixture.Cluster.Client.GetGrain<IExperimentGrain>(_id);

    [Fact]
    public async Task BuildCapacityMapAsync_AfterAGrid_HasConfigurationsAcrossSeedsAKneeAndItsShapeAsTheRecommendation()
    {
        var spec = new ExperimentSpec(
            "capacity-analysis",
            new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 600, Seed: 5),
            new GridSpec([2, 16], [1], [1, 2]),
            new TrainingSpec(4, LearningRate: 0.01, BatchSize: 32));

        await Experiment.StartAsync(spec);
        await WaitForCompletionAsync();
        var map = await fixture.Cluster.Client.GetGrain<IAnalysisGrain>(_id).BuildCapacityMapAsync();

        var analysis = map.Analysis!;
        Assert.Equal(["2", "16"], analysis.Configurations.Select(c => c.Key));
        foreach (var c in analysis.Configurations)
        {
            var rows = map.Points.Where(p => string.Join('-', p.HiddenWidths) == c.Key).ToList();
            Assert.Equal(2, c.Seeds);
            Assert.Equal(rows.Select(r => r.PointId).Order(), c.PointIds.Order());
            Assert.Equal(rows.Average(r => r.TestAccuracy!.Value), c.MeanTestAccuracy, 12);
            Assert.Equal(rows[0].ParameterCount, c.ParameterCount);
            Assert.Equal(rows.Average(r => r.WeightEntropyBits!.Value), c.WeightEntropyBits!.Value, 6);
            Assert.Equal("fc1", Assert.Single(c.Layers!).Name);
            Assert.InRange(c.Layers![0].MeanSaturation!.Value, 0, 1);
        }
        var knee = analysis.Knee!;
        Assert.Contains(knee.Configuration.Key, analysis.Configurations.Select(c => c.Key));
        Assert.Equal(analysis.Configurations.Max(c => c.MeanTestAccuracy), knee.BestMeanTestAccuracy, 12);
        Assert.Equal(knee.Configuration.HiddenWidths, analysis.Recommendation!.HiddenWidths);
        Assert.Equal("grid-knee", analysis.Recommendation.Source);
    }

    [Fact]
    public async Task BuildCapacityMapAsync_CalledAgainAfterThePointsEnded_AsksNoTrainerAgainAndGivesTheSameRows()
    {
        var spec = new ExperimentSpec(
            "capacity-analysis-cache",
            new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 600, Seed: 5),
            new GridSpec([2, 4], [1], [1, 2]),
            new TrainingSpec(2, LearningRate: 0.01, BatchSize: 32));
        await Experiment.StartAsync(spec);
        await WaitForCompletionAsync();
        var analysis = fixture.Cluster.Client.GetGrain<IAnalysisGrain>(_id);
        var trainers = $"{_id}/";

        var before = GrainCallCounter.Of(nameof(ITrainerGrain.GetResultAsync), trainers);
        var first = await analysis.BuildCapacityMapAsync();
        var afterFirst = GrainCallCounter.Of(nameof(ITrainerGrain.GetResultAsync), trainers);
        var second = await analysis.BuildCapacityMapAsync();
        var afterSecond = GrainCallCounter.Of(nameof(ITrainerGrain.GetResultAsync), trainers);

        Assert.Equal(4, afterFirst - before);
        Assert.Equal(0, afterSecond - afterFirst);
        Assert.Equal(
            first.Points.Select(p => (p.PointId, p.Status, p.TestAccuracy, Epochs: JsonSerializer.Serialize(p.Epochs))),
            second.Points.Select(p => (p.PointId, p.Status, p.TestAccuracy, Epochs: JsonSerializer.Serialize(p.Epochs))));
        Assert.All(second.Points, p => Assert.Equal(PointStatus.Finished, p.Status));
    }

    [Fact]
    public async Task StartAsync_WithoutAnyMapRead_ComputesAndStoresTheDatasetMeasuresBesideTheTraining()
    {
        // A dataset no other test uses (611 samples), so its measures blob can only come from this experiment.
        var spec = new ExperimentSpec(
            "capacity-analysis-prepare",
            new DatasetSpec("teacher", InputDim: 6, TeacherHidden: [5], Classes: 3, Samples: 611, Seed: 17),
            new GridSpec([2], [1], [1]),
            new TrainingSpec(5000, LearningRate: 0.01, BatchSize: 32));
        var container = new BlobServiceClient(fixture.ConnectionString).GetBlobContainerClient(DatasetMeasureCache.Container);

        await Experiment.StartAsync(spec);
        var stored = await Eventually.NotNullAsync(() => FindMeasuresAsync(container, "\"samples\":611", TestContext.Current.CancellationToken),
            Timeout, "the dataset measures blob of the 611-sample teacher");
        var running = await Experiment.GetStatusAsync();
        await Experiment.CancelAsync();

        Assert.Contains("\"labelEntropyBits\"", stored);
        // Measured while the 5,000-epoch point still trained (it is cancelled here): nobody had asked for the map.
        Assert.Equal(ExperimentState.Running, running.State);
    }

    private static async Task<string?> FindMeasuresAsync(BlobContainerClient container, string marker, CancellationToken cancellationToken)
    {
        if (!(await container.ExistsAsync(cancellationToken)).Value)
        {
            return null;
        }
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var text = (await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return text;
            }
        }
        return null;
    }

    [Fact]
    public async Task BuildCapacityMapAsync_BeforeAnyPointFinished_HasAnAnalysisWithoutAKnee()
    {
        var spec = new ExperimentSpec(
            "capacity-analysis-early",
            new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 600, Seed: 5),
            new GridSpec([4], [1], [1]),
            new TrainingSpec(200, LearningRate: 0.01, BatchSize: 32));

        await Experiment.StartAsync(spec);
        var map = await fixture.Cluster.Client.GetGrain<IAnalysisGrain>(_id).BuildCapacityMapAsync();
        await Experiment.CancelAsync();

        Assert.Empty(map.Analysis!.Configurations);
        Assert.Null(map.Analysis.Knee);
        Assert.Contains(map.Analysis.Notes, n => n.Contains("still queued or running", StringComparison.Ordinal));
    }

    private Task<ExperimentStatus> WaitForCompletionAsync() => ExperimentWaits.CompletedAsync(Experiment, Timeout);
}

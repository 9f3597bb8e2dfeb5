using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Tests.Fixtures;

namespace CapacityGrid.Grains.Tests.Experiments;

[Collection(GridCollection.Name)]
public sealed class CnnGridTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _id = $"exp-{Guid.NewGuid():N}"[..24];

    private IExperimentGrain Experiment => fixture.Cluster.Client.GetGrain<IExperimentGrain>(_id);

    [Fact]
    public async Task StartAsync_ACnnSpecOfTwoPoints_TrainsBothAndTheMapShowsTheirLayersAndParameters()
    {
        // 36 features: a 1x6x6 image; conv k3 -> 4x4 -> max -> 2x2, so the head gets 4 values per channel.
        var spec = new ExperimentSpec(
            "cnn-grid",
            new DatasetSpec("gaussian-mixture", InputDim: 36, Classes: 3, Samples: 600, Seed: 5),
            new GridSpec([8], [1], [1], Cnn: new CnnGridSpec([[2], [4]])),
            new TrainingSpec(2, LearningRate: 0.01, BatchSize: 32));

        await Experiment.StartAsync(spec);
        await WaitForCompletionAsync();
        var map = await fixture.Cluster.Client.GetGrain<IAnalysisGrain>(_id).BuildCapacityMapAsync();

        Assert.Equal([[2, 8], [4, 8]], map.Points.Select(p => p.HiddenWidths).OrderBy(w => w[0]));
        Assert.All(map.Points, row =>
        {
            var channels = row.HiddenWidths[0];
            Assert.Equal(PointStatus.Finished, row.Status);
            Assert.Equal(2, row.Depth);
            Assert.Equal(channels * (9 + 1) + (channels * 4 * 8 + 8) + (8 * 3 + 3), row.ParameterCount);
            Assert.Equal(2, row.EpochsDone);
            Assert.InRange(row.TestAccuracy!.Value, 0, 1);
            var measures = Assert.IsType<FinalMeasures>(row.Measures);
            Assert.Equal(["conv1", "fc1", "out"], measures.Weights.Layers.Select(l => l.Name));
            Assert.Equal(["conv1", "fc1"], Assert.IsType<FinalLayers>(measures.Layers).Test.Layers.Select(l => l.Name));
            var epochLayers = Assert.IsAssignableFrom<IReadOnlyList<LayerEpoch>>(Assert.IsAssignableFrom<IReadOnlyList<EpochRow>>(row.Epochs)[^1].Layers);
            Assert.Equal(channels, epochLayers[0].Width);
            Assert.InRange(Assert.NotNull(epochLayers[0].TrainSaturation), 1.0 / channels, 1.0);
        });
    }

    private Task<ExperimentStatus> WaitForCompletionAsync() => ExperimentWaits.CompletedAsync(Experiment, Timeout);
}

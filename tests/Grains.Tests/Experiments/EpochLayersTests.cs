using System.Text.Json;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Tests.Fixtures;

namespace CapacityGrid.Grains.Tests.Experiments;

[Collection(GridCollection.Name)]
public sealed class EpochLayersTests(GridClusterFixture fixture)
{
    private const int Epochs = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _id = $"exp-{Guid.NewGuid():N}"[..24];

    private IExperimentGrain Experiment => fixture.Cluster.Client.GetGrain<IExperimentGrain>(_id);

    [Fact]
    public async Task StartAsync_WithTheInformationPlane_StoresEveryEpochsLayerMeasuresAndTheMapListsThem()
    {
        var spec = new ExperimentSpec(
            "info-plane",
            new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [12], Classes: 3, Samples: 600, Seed: 5),
            new GridSpec([8], [1, 2], [1], Activation: "tanh"),
            new TrainingSpec(Epochs, LearningRate: 0.01, BatchSize: 32),
            new MeasuresSpec(InformationPlane: true, InformationSamples: 100));

        await Experiment.StartAsync(spec);
        await WaitForCompletionAsync();

        foreach (var point in await Experiment.GetPointsAsync())
        {
            var result = await fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(_id, point.PointId)).GetResultAsync();
            Assert.Equal(Enumerable.Range(1, Epochs), result.Epochs.Select(e => e.Epoch));
            Assert.All(result.Epochs, epoch =>
            {
                var layers = Assert.IsAssignableFrom<IReadOnlyList<LayerEpoch>>(epoch.Layers);
                Assert.Equal(point.HiddenWidths.Select((_, i) => $"fc{i + 1}"), layers.Select(l => l.Name));
                Assert.All(layers, layer =>
                {
                    Assert.InRange(Assert.NotNull(layer.TrainSaturation), 1.0 / 8, 1.0);
                    Assert.InRange(Assert.NotNull(layer.TestSaturation), 1.0 / 8, 1.0);
                    foreach (var (part, information) in new[] { ("train", layer.Train), ("test", layer.Test) })
                    {
                        Assert.NotNull(information);
                        Assert.True(Assert.NotNull(information.InputBits) >= 0, $"{part} I(X;T)");
                        Assert.True(Assert.NotNull(information.LabelBits) >= 0, $"{part} I(T;Y)");
                        Assert.True(Assert.NotNull(information.BinnedLabelBits) >= 0, $"{part} binned I(T;Y), tanh");
                    }
                });
            });
        }

        var map = await fixture.Cluster.Client.GetGrain<IAnalysisGrain>(_id).BuildCapacityMapAsync();
        var json = JsonDocument.Parse(JsonSerializer.Serialize(map, new JsonSerializerOptions(JsonSerializerDefaults.Web))).RootElement;
        Assert.All(json.GetProperty("points").EnumerateArray(), row =>
        {
            var epochs = row.GetProperty("epochs").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, Epochs), epochs.Select(e => e.GetProperty("epoch").GetInt32()));
            Assert.All(epochs, e =>
            {
                Assert.InRange(e.GetProperty("testAccuracy").GetDouble(), 0, 1);
                Assert.Equal(row.GetProperty("hiddenWidths").GetArrayLength(), e.GetProperty("layers").GetArrayLength());
            });
        });
    }

    private Task<ExperimentStatus> WaitForCompletionAsync() => ExperimentWaits.CompletedAsync(Experiment, Timeout);
}

using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;

namespace CapacityGrid.Analysis.Tests.Training.Tracking;

public sealed class LayerTrackingTests
{
    private const int Planted = 3;

    [Fact]
    public void Train_TrainingInputsInAThreeDimensionalSubspace_ReportsTrainSaturationThreeOverWidthEveryEpoch()
    {
        // Training inputs x = Aᵀz with z in R³: whatever fc1's weights become, its pre-activation W x + b spans at
        // most 3 directions, so Delve's ID is 3 every epoch. The test inputs are full-rank Gaussians: the test
        // pass, accumulated apart, sees up to 12 directions.
        var data = PlantedSplit(trainSamples: 5000, testSamples: 1000);
        var spec = new MlpSpec(12, [32, 8], 3);
        var epochs = new List<EpochReport>();

        ClassifierTrainer.Train(data, spec, new TrainOptions(Epochs: 3, LearningRate: 3e-3), epochs.Add, TestContext.Current.CancellationToken, layers: new LayerTracking());

        Assert.Equal(3, epochs.Count);
        Assert.All(epochs, e =>
        {
            Assert.Equal(["fc1", "fc2"], e.Layers!.Select(l => l.Name));
            Assert.Equal([32, 8], e.Layers!.Select(l => l.Width));
            var fc1 = e.Layers![0];
            Assert.Equal(Planted / 32.0, fc1.TrainSaturation);
            Assert.InRange(fc1.TestSaturation!.Value, (Planted + 4) / 32.0, 12 / 32.0);
            Assert.All(e.Layers!, l => Assert.Null(l.Train));
        });
    }

    [Fact]
    public void Train_WithAndWithoutLayerTracking_GivesBitIdenticalTraining()
    {
        var data = PlantedSplit(trainSamples: 5000, testSamples: 600);
        var spec = new MlpSpec(12, [16, 8], 3, "tanh");
        var options = new TrainOptions(Epochs: 2, Seed: 4);
        var plain = new List<EpochReport>();
        var tracked = new List<EpochReport>();

        var a = ClassifierTrainer.Train(data, spec, options, plain.Add, TestContext.Current.CancellationToken);
        var b = ClassifierTrainer.Train(data, spec, options, tracked.Add, TestContext.Current.CancellationToken,
            layers: new LayerTracking(InformationPlane: true, InformationSamples: 100, SaturationSamples: 3000));

        Assert.Equal(a.Weights.SelectMany(w => w.Values.Concat(w.Bias!)), b.Weights.SelectMany(w => w.Values.Concat(w.Bias!)));
        Assert.Equal(Metrics(plain), Metrics(tracked));
        Assert.All(plain, e => Assert.Null(e.Layers));
        Assert.All(tracked, e => Assert.NotNull(e.Layers));
    }

    [Fact]
    public void Train_InformationPlane_UsesTheFirstEpochsKernelWidthsOnEveryEpochAndBothParts()
    {
        // 100 test rows against 150 information samples: a test probe with widths of its own would use σ's for
        // 100 rows. Every epoch's numbers must equal a probe of that epoch's weights with the σ's for 150 rows.
        var data = PlantedSplit(trainSamples: 2000, testSamples: 100);
        var spec = new MlpSpec(12, [16, 8], 3, "tanh");
        var epochs = new List<EpochReport>();
        var tracking = new LayerTracking(Saturation: false, InformationPlane: true, InformationSamples: 150);

        ClassifierTrainer.Train(data, spec, new TrainOptions(Epochs: 3), epochs.Add, TestContext.Current.CancellationToken, layers: tracking);

        var widths = KernelWidths.Silverman(150, 12, spec.Hidden);
        var probeOptions = new LayerProbeOptions
        {
            Measures = LayerMeasures.RenyiInformation | LayerMeasures.BinnedInformation,
            InformationSamples = 150,
            RenyiSamples = 150,
        };
        foreach (var epoch in epochs)
        {
            var weights = CheckpointFormat.Read(epoch.Checkpoint).Weights;
            var train = new LayerProbe(spec, probeOptions, widths).Probe(weights, data.Train, TestContext.Current.CancellationToken);
            var test = new LayerProbe(spec, probeOptions, widths).Probe(weights, data.Test, TestContext.Current.CancellationToken);
            var ownWidths = new LayerProbe(spec, probeOptions).Probe(weights, data.Test, TestContext.Current.CancellationToken);
            for (var l = 0; l < spec.Hidden.Length; l++)
            {
                var layer = epoch.Layers![l];
                Assert.Null(layer.TrainSaturation);
                Assert.Equal(Information(train.Layers[l]), layer.Train);
                Assert.Equal(Information(test.Layers[l]), layer.Test);
                Assert.NotEqual(ownWidths.Layers[l].RenyiInputBits, layer.Test!.InputBits);
                Assert.NotNull(layer.Train!.BinnedLabelBits);
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2500)]
    public void Train_Saturation_MatchesAProbeOfTheSameRowsAfterTheEpoch(int? rows)
    {
        // 6000 training rows make two evaluation batches, so the subsample is picked out of both.
        var data = PlantedSplit(trainSamples: 6000, testSamples: 500, plantedTrain: false);
        var spec = new MlpSpec(12, [24, 16], 3);
        var epochs = new List<EpochReport>();

        ClassifierTrainer.Train(data, spec, new TrainOptions(Epochs: 2), epochs.Add, TestContext.Current.CancellationToken,
            layers: new LayerTracking(SaturationSamples: rows, Delta: 0.9, Seed: 7));

        var options = new LayerProbeOptions { Measures = LayerMeasures.Saturation, SaturationSamples = rows, Delta = 0.9, Seed = 7 };
        foreach (var epoch in epochs)
        {
            var weights = CheckpointFormat.Read(epoch.Checkpoint).Weights;
            var train = new LayerProbe(spec, options).Probe(weights, data.Train, TestContext.Current.CancellationToken);
            var test = new LayerProbe(spec, options).Probe(weights, data.Test, TestContext.Current.CancellationToken);
            Assert.Equal(train.Layers.Select(l => l.Saturation), epoch.Layers!.Select(l => l.TrainSaturation));
            Assert.Equal(test.Layers.Select(l => l.Saturation), epoch.Layers!.Select(l => l.TestSaturation));
        }
    }

    [Fact]
    public void Train_WithLayerTracking_LeavesNoLiveTensorsBehind()
    {
        var data = PlantedSplit(trainSamples: 5000, testSamples: 300);
        var spec = new MlpSpec(12, [16, 8], 3);
        var stats = DisposeScopeManager.Statistics;
        var before = Live(stats);
        var createdBefore = stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount;

        ClassifierTrainer.Train(data, spec, new TrainOptions(Epochs: 2), _ => { }, TestContext.Current.CancellationToken,
            layers: new LayerTracking(InformationPlane: true, InformationSamples: 100, SaturationSamples: 1000));

        Assert.True(stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount > createdBefore + 100, "the statistics did not see the training's tensors");
        Assert.Equal(before, Live(stats));
    }

    [Theory]
    [InlineData(2, null, 0.99)]
    [InlineData(500, 0, 0.99)]
    [InlineData(500, null, 0)]
    [InlineData(500, null, 1.5)]
    public void Train_WithTrackingSettingsOutOfRange_Throws(int informationSamples, int? saturationSamples, double delta)
    {
        var tracking = new LayerTracking(InformationSamples: informationSamples, SaturationSamples: saturationSamples, Delta: delta);

        Assert.ThrowsAny<ArgumentException>(() => ClassifierTrainer.Train(PlantedSplit(100, 50), new MlpSpec(12, [4], 3), new TrainOptions(Epochs: 1), _ => { }, TestContext.Current.CancellationToken, layers: tracking));
    }

    private static IEnumerable<(double, double, double, double)> Metrics(IEnumerable<EpochReport> epochs) =>
        epochs.Select(e => (e.TrainLoss, e.TrainAccuracy, e.TestLoss, e.TestAccuracy));

    private static LayerInformation Information(LayerReport r) =>
        new(r.RenyiInputBits, r.RenyiLabelBits, r.BinnedInputBits, r.BinnedLabelBits);

    // Training inputs in a random 3-dim subspace of R¹² (or full-rank with plantedTrain false), test inputs
    // full-rank; labels by the sign pattern of two input directions, so there is something to learn.
    private static DataSplit PlantedSplit(int trainSamples, int testSamples, bool plantedTrain = true)
    {
        var random = new Random(11);
        var basis = Generated.OrthonormalRows(random, Planted, 12);
        TabularData Part(int samples, bool planted)
        {
            var x = new float[samples * 12];
            var y = new int[samples];
            for (var i = 0; i < samples; i++)
            {
                var row = x.AsSpan(i * 12, 12);
                if (planted)
                {
                    var z = Generated.Normal(random, Planted);
                    for (var c = 0; c < Planted; c++)
                    {
                        for (var j = 0; j < 12; j++)
                        {
                            row[j] += (float)(z[c] * basis[c * 12 + j]);
                        }
                    }
                }
                else
                {
                    Generated.NormalFloats(random, 12).CopyTo(row);
                }
                y[i] = (row[0] > 0 ? 1 : 0) + (row[1] > 0 ? 1 : 0);
            }
            return new TabularData(x, samples, 12, y, 3);
        }
        return new DataSplit(Part(trainSamples, plantedTrain), Part(testSamples, planted: false), "planted");
    }

    // Tensors alive in dispose scopes, alive outside any scope, and the thread's total.
    private static (long InScopes, long OutsideScopes, long Total) Live(ThreadDisposeScopeStatistics s) => (
        s.CreatedInScopeCount - s.DisposedInScopeCount - s.DetachedFromScopeCount + s.AttachedToScopeCount,
        s.CreatedOutsideScopeCount - s.DisposedOutsideScopeCount + s.DetachedFromScopeCount - s.AttachedToScopeCount,
        s.ThreadTotalLiveCount);
}

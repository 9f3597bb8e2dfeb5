using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Layers;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Tests.Measures.Probes;

public sealed class LayerProbeTests
{
    private const double Rounding = 1e-9;

    [Fact]
    public void Probe_FirstLayerPlantedInThreeDimensions_ReportsSaturationThreeOverWidth()
    {
        // fc1 = U Vᵀ with orthonormal U (16 x 3), V (8 x 3): for x ~ N(0, I) the pre-activation's covariance is
        // U Uᵀ, three equal eigenvalues and thirteen zeros, so Delve's ID is 3 (cum .33, .67, 1).
        const int k = 3;
        var spec = new MlpSpec(8, [16, 10], 3, "tanh");
        using var model = new Mlp(spec);
        var random = new Random(5);
        var u = Generated.OrthonormalRows(random, k, 16);
        var v = Generated.OrthonormalRows(random, k, 8);
        var w = new float[16 * 8];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 8; j++)
            {
                for (var c = 0; c < k; c++)
                {
                    w[i * 8 + j] += (float)(u[c * 16 + i] * v[c * 8 + j]);
                }
            }
        }
        using (no_grad())
        using (var planted = tensor(w, [16, 8]))
        {
            model.Layers[0].weight!.copy_(planted);
        }
        var data = Gaussian(random, 3000, 8, 3);

        var report = new LayerProbe(spec).Probe(model, data, TestContext.Current.CancellationToken);

        var fc1 = report.Layers[0];
        Assert.Equal(k, fc1.SaturationDimension);
        Assert.Equal(k / 16.0, fc1.Saturation);
        Assert.Equal(3000, fc1.SaturationSamples);
        // tanh(U z + b) embeds the 3-dim Gaussian smoothly: TwoNN sees about 3 dimensions.
        Assert.InRange(fc1.TwoNNDimension!.Value, 2.6, 3.4);
        // fc2 sees only a 3-dim manifold too, but bent by tanh: more than 3 linear directions, fewer than its width.
        Assert.InRange(report.Layers[1].SaturationDimension!.Value, 3, 10);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.9)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void Probe_Saturation_MatchesDelveCovarianceOfThePreActivation(double delta)
    {
        // The probe's batched pass against one CovarianceAccumulator fed the whole pre-activation of a random
        // (untrained) net at once: the probe must take the pre-activation of the right layer, every row once.
        var spec = new MlpSpec(8, [24, 12], 3);
        using var model = new Mlp(spec);
        var data = Gaussian(new Random(9), 1000, 8, 3);
        for (var i = 0; i < data.Features.Length; i++)
        {
            data.Features[i] = 50 + 0.1f * data.Features[i];
        }
        var reference = new CovarianceAccumulator(24);
        using (no_grad())
        using (var x = tensor(data.Features, [1000, 8]))
        using (var pre = model.Layers[0].forward(x))
        {
            reference.Add(pre.data<float>().ToArray());
        }

        var report = new LayerProbe(spec, new LayerProbeOptions { Delta = delta, BatchSize = 300, Measures = LayerMeasures.Saturation }).Probe(model, data, TestContext.Current.CancellationToken);

        Assert.Equal(DelveSaturation.Of(reference, delta).IntrinsicDimension, report.Layers[0].SaturationDimension);
    }

    [Fact]
    public void Probe_TrainedTanhNet_BinnedInformationWithinItsBounds()
    {
        var (spec, split, checkpoint) = TrainedNet("tanh");

        var report = new LayerProbe(spec).Probe(checkpoint, split.Train, TestContext.Current.CancellationToken);

        var ceiling = Math.Log2(report.InformationSamples);
        foreach (var layer in report.Layers)
        {
            Assert.Null(layer.BinnedReason);
            var ixt = layer.BinnedInputBits!.Value;
            var ity = layer.BinnedLabelBits!.Value;
            Assert.InRange(ixt, 0, ceiling + Rounding);
            Assert.InRange(ity, 0, report.LabelEntropyBits + Rounding);
            Assert.True(ity <= ixt + Rounding, $"{layer.Name}: I(T;Y) {ity} > I(X;T) {ixt}");
            // A trained layer separates the classes: its patterns carry most of H(Y).
            Assert.True(ity > 0.5 * report.LabelEntropyBits, $"{layer.Name}: I(T;Y) {ity} of H(Y) {report.LabelEntropyBits}");
        }
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("relu")]
    public void Probe_TrainedNet_RenyiQuantitiesWithinTheirBounds(string activation)
    {
        var (spec, split, checkpoint) = TrainedNet(activation);

        var report = new LayerProbe(spec, new LayerProbeOptions { RenyiSamples = 300 }).Probe(checkpoint, split.Train, TestContext.Current.CancellationToken);

        Assert.Equal(300, report.RenyiSamples);
        var ceiling = Math.Log2(300);
        var sx = report.RenyiInputEntropyBits!.Value;
        var sy = report.RenyiLabelEntropyBits!.Value;
        Assert.InRange(sx, 0, ceiling);
        // σ_Y = 0.1 makes the label Gram the class indicator: S(Y) is the (α = 1.01) entropy of the class shares.
        Assert.InRange(sy, 0, Math.Log2(spec.Classes) + Rounding);
        foreach (var layer in report.Layers)
        {
            Assert.Null(layer.RenyiReason);
            var st = layer.RenyiEntropyBits!.Value;
            Assert.InRange(st, 0, ceiling);
            Assert.InRange(layer.RenyiInputBits!.Value, -Rounding, Math.Min(sx, st) + Rounding);
            Assert.InRange(layer.RenyiLabelBits!.Value, -Rounding, Math.Min(sy, st) + Rounding);
            Assert.True(layer.RenyiLabelBits > 0.1, $"{layer.Name}: a trained layer shares information with the labels ({layer.RenyiLabelBits})");
        }
    }

    [Fact]
    public void Probe_ReluNet_BinnedInformationIsNullWithReasonAndNothingIsNaN()
    {
        var (spec, split, checkpoint) = TrainedNet("relu");

        var report = new LayerProbe(spec).Probe(checkpoint, split.Test, TestContext.Current.CancellationToken);

        Assert.All(report.Layers, layer =>
        {
            Assert.Null(layer.BinnedInputBits);
            Assert.Null(layer.BinnedLabelBits);
            Assert.Contains("unbounded", layer.BinnedReason);
            Assert.InRange(layer.Saturation!.Value, 1.0 / layer.Width, 1);
            Assert.True(layer.TwoNNDimension is { } d ? double.IsFinite(d) : layer.TwoNNReason is not null);
            Assert.True(double.IsFinite(layer.RenyiInputBits!.Value));
        });
    }

    [Fact]
    public void Probe_CalledAgain_KeepsTheKernelWidthsOfTheFirstCall()
    {
        var (spec, split, checkpoint) = TrainedNet("tanh");
        var probe = new LayerProbe(spec, new LayerProbeOptions { RenyiSamples = 200 });
        using var untrained = new Mlp(spec);
        using var trained = new Mlp(spec);
        Checkpoints.LoadWeights(trained, checkpoint);

        var first = probe.Probe(untrained, split.Train, TestContext.Current.CancellationToken);
        var widths = probe.KernelWidths;
        var second = probe.Probe(trained, split.Train, TestContext.Current.CancellationToken);
        var fresh = new LayerProbe(spec, new LayerProbeOptions { RenyiSamples = 200 }, widths).Probe(trained, split.Train, TestContext.Current.CancellationToken);

        Assert.NotNull(widths);
        Assert.Same(widths, probe.KernelWidths);
        Assert.Same(widths, second.KernelWidths);
        Assert.NotEqual(first.Layers[0].RenyiLabelBits, second.Layers[0].RenyiLabelBits);
        Assert.Equal(second.Layers.Select(l => l.RenyiInputBits), fresh.Layers.Select(l => l.RenyiInputBits));
    }

    [Fact]
    public void Probe_WithSaturationSubsampleAndOnlySaturation_AccumulatesThatManyRowsAndSkipsTheRest()
    {
        var (spec, split, checkpoint) = TrainedNet("relu");
        var options = new LayerProbeOptions { Measures = LayerMeasures.Saturation, SaturationSamples = 300, BatchSize = 128 };

        var report = new LayerProbe(spec, options).Probe(checkpoint, split.Train, TestContext.Current.CancellationToken);

        Assert.All(report.Layers, layer =>
        {
            Assert.Equal(300, layer.SaturationSamples);
            Assert.NotNull(layer.Saturation);
            Assert.Null(layer.TwoNNDimension);
            Assert.Equal("not requested", layer.TwoNNReason);
            Assert.Equal("not requested", layer.RenyiReason);
        });
        Assert.Null(report.KernelWidths);
    }

    [Fact]
    public void Probe_TrainAndEvalProbes_KeepTheirAccumulatorsApart()
    {
        var (spec, split, checkpoint) = TrainedNet("relu");
        var options = new LayerProbeOptions { Measures = LayerMeasures.Saturation };
        var train = new LayerProbe(spec, options);
        var eval = new LayerProbe(spec, options);

        var trainReport = train.Probe(checkpoint, split.Train, TestContext.Current.CancellationToken);
        var evalReport = eval.Probe(checkpoint, split.Test, TestContext.Current.CancellationToken);
        var trainAgain = train.Probe(checkpoint, split.Train, TestContext.Current.CancellationToken);

        Assert.Equal(split.Train.Samples, trainReport.Layers[0].SaturationSamples);
        Assert.Equal(split.Test.Samples, evalReport.Layers[0].SaturationSamples);
        // A new pass resets the accumulators rather than piling onto the last one.
        Assert.Equal(trainReport, trainAgain with { KernelWidths = trainReport.KernelWidths, Layers = trainReport.Layers });
        Assert.Equal(trainReport.Layers.Select(l => (l.SaturationSamples, l.Saturation)), trainAgain.Layers.Select(l => (l.SaturationSamples, l.Saturation)));
    }

    [Fact]
    public void Probe_AModelInTrainingMode_LeavesNoTensorAliveAndRestoresTheMode()
    {
        var (spec, split, checkpoint) = TrainedNet("tanh");
        using var model = new Mlp(spec);
        Checkpoints.LoadWeights(model, checkpoint);
        model.train();
        var probe = new LayerProbe(spec, new LayerProbeOptions { RenyiSamples = 100, BatchSize = 100 });
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        probe.Probe(model, split.Train, TestContext.Current.CancellationToken);
        probe.Probe(checkpoint, split.Test, TestContext.Current.CancellationToken);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(model.training);
    }

    [Fact]
    public void Probe_DataOfAnotherWidth_ThrowsNamingBoth()
    {
        var spec = new MlpSpec(8, [4], 3);
        using var model = new Mlp(spec);

        var error = Assert.Throws<ArgumentException>(() => new LayerProbe(spec).Probe(model, Gaussian(new Random(1), 10, 5, 3), TestContext.Current.CancellationToken));

        Assert.Contains("5 features", error.Message);
        Assert.Contains("takes 8", error.Message);
    }

    private static TabularData Gaussian(Random random, int samples, int features, int classes)
    {
        var x = Generated.NormalFloats(random, samples * features);
        var y = Enumerable.Range(0, samples).Select(i => i % classes).ToArray();
        return new TabularData(x, samples, features, y, classes);
    }

    private static (MlpSpec Spec, DataSplit Split, byte[] Checkpoint) TrainedNet(string activation)
    {
        var split = DataSplit.Holdout(new TeacherDataset(8, [16], 3, 1500, 0, 4).Generate(), 0.2, 4, "teacher").Standardised();
        var spec = new MlpSpec(8, [12, 12], 3, activation);
        byte[]? last = null;
        ClassifierTrainer.Train(split, spec, new TrainOptions(Epochs: 4, LearningRate: 3e-3), e => last = e.Checkpoint, TestContext.Current.CancellationToken);
        return (spec, split, last!);
    }
}

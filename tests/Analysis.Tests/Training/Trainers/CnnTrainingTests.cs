using System.Buffers.Binary;
using System.Text.Json;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Measures.Weights;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;

namespace CapacityGrid.Analysis.Tests.Training.Trainers;

[Collection(nameof(SerialTorch))]
public sealed class CnnTrainingTests
{
    // 1x8x8 -> conv 4 k3 -> 6x6 -> max -> 3x3 -> 36 -> fc 8 -> 4 quadrants.
    private static readonly CnnSpec Spec = new(1, 8, 8, [new ConvLayerSpec(4, 3, "max")], [8], 4);

    [Fact]
    public void Train_PlantedBrightQuadrant_LearnsTheQuadrantToHighAccuracy()
    {
        var data = ImageData.Quadrants(samples: 1200);
        var epochs = new List<EpochReport>();

        var outcome = ClassifierTrainer.Train(data, Spec, new TrainOptions(Epochs: 8, LearningRate: 0.01, BatchSize: 32, Seed: 3),
            epochs.Add, TestContext.Current.CancellationToken);

        Assert.False(outcome.Diverged);
        Assert.Equal(Spec.ParameterCount, outcome.ParameterCount);
        // A quadrant 1.5 sigma brighter over 16 pixels is separable far beyond 95 %; chance is 25 %.
        Assert.True(epochs[^1].TestAccuracy >= 0.95, $"test accuracy {epochs[^1].TestAccuracy}");
        Assert.True(epochs[0].TrainLoss > epochs[^1].TrainLoss);
    }

    [Fact]
    public void Train_TwoEpochsThenResumeForTwo_GivesCnnWeightsBitIdenticalToFourStraight()
    {
        var data = ImageData.Quadrants(samples: 400);
        var options = new TrainOptions(Epochs: 4, LearningRate: 0.01, BatchSize: 16, Seed: 5);
        var threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try
        {
            var straight = ClassifierTrainer.Train(data, Spec, options, _ => { }, TestContext.Current.CancellationToken);
            var firstHalf = new List<EpochReport>();
            ClassifierTrainer.Train(data, Spec, options with { Epochs = 2 }, firstHalf.Add, TestContext.Current.CancellationToken);
            var secondHalf = new List<EpochReport>();

            var resumed = ClassifierTrainer.Train(data, Spec, options, secondHalf.Add, TestContext.Current.CancellationToken,
                new ResumePoint(2, firstHalf[^1].Checkpoint));

            Assert.Equal([3, 4], secondHalf.Select(e => e.Epoch));
            Assert.Equal(straight.Weights.SelectMany(w => w.Values.Concat(w.Bias!)), resumed.Weights.SelectMany(w => w.Values.Concat(w.Bias!)));
            Assert.NotEqual(firstHalf[^1].TrainLoss, secondHalf[^1].TrainLoss);
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    [Fact]
    public void CheckpointFormat_ACnnCheckpoint_ReadsBackItsSpec()
    {
        var data = ImageData.Quadrants(samples: 100);
        var epochs = new List<EpochReport>();
        ClassifierTrainer.Train(data, Spec, new TrainOptions(Epochs: 1), epochs.Add, TestContext.Current.CancellationToken);

        var checkpoint = CheckpointFormat.Read(epochs[0].Checkpoint);

        var spec = Assert.IsType<CnnSpec>(checkpoint.Spec);
        Assert.Equal(Spec.HashText, spec.HashText);
        Assert.Equal(SpecHash.Of(Spec, new TrainOptions(Epochs: 1)), checkpoint.SpecHash);
    }

    [Fact]
    public void Train_ResumeACnnCheckpointAsAnMlp_ThrowsMismatch()
    {
        var data = ImageData.Quadrants(samples: 100);
        var epochs = new List<EpochReport>();
        ClassifierTrainer.Train(data, Spec, new TrainOptions(Epochs: 1), epochs.Add, TestContext.Current.CancellationToken);

        var e = Assert.Throws<CheckpointMismatchException>(() => ClassifierTrainer.Train(data, new MlpSpec(64, [8], 4), new TrainOptions(Epochs: 2),
            _ => { }, TestContext.Current.CancellationToken, new ResumePoint(1, epochs[0].Checkpoint)));

        Assert.Contains("model 1x8x8 c4k3max fc8 4 relu", e.Message, StringComparison.Ordinal);
        Assert.Contains("mlp 64-8-4 relu", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_WithLayerTracking_ReportsEachConvChannelsSaturation()
    {
        var data = ImageData.Quadrants(samples: 200);
        var epochs = new List<EpochReport>();

        ClassifierTrainer.Train(data, Spec, new TrainOptions(Epochs: 1), epochs.Add, TestContext.Current.CancellationToken,
            layers: new LayerTracking(InformationPlane: true, InformationSamples: 50));

        var layers = epochs[0].Layers!;
        Assert.Equal(["conv1", "fc1"], layers.Select(l => l.Name));
        Assert.Equal([4, 8], layers.Select(l => l.Width));
        Assert.All(layers, l =>
        {
            Assert.InRange(l.TrainSaturation!.Value, 1.0 / l.Width, 1.0);
            Assert.True(l.Train!.InputBits >= 0);
        });
    }

    [Fact]
    public void WeightMeasures_OfATrainedCnn_MeasureConvKernelsAsMatricesAndExplainTheMissingCapacity()
    {
        var data = ImageData.Quadrants(samples: 100);
        var outcome = ClassifierTrainer.Train(data, Spec, new TrainOptions(Epochs: 1), _ => { }, TestContext.Current.CancellationToken);

        var measures = WeightMeasures.Of(outcome.Weights);

        Assert.Equal(Spec.ParameterCount, measures.ParameterCount);
        Assert.Equal(["conv1", "fc1", "out"], measures.Layers.Select(l => l.Name));
        Assert.True(measures.Layers[0].EntropyBits > 0);
        Assert.Null(measures.Capacity);
        Assert.Contains("not a fully connected chain", measures.CapacityNote, StringComparison.Ordinal);
    }

    [Fact]
    public void LayerProbe_OfACnnCheckpoint_MeasuresConvAndHeadLayers()
    {
        var data = ImageData.Quadrants(samples: 200);
        var epochs = new List<EpochReport>();
        ClassifierTrainer.Train(data, Spec, new TrainOptions(Epochs: 1), epochs.Add, TestContext.Current.CancellationToken);

        var report = new LayerProbe(Spec, new LayerProbeOptions { InformationSamples = 40, RenyiSamples = 40 })
            .Probe(CheckpointFormat.Read(epochs[0].Checkpoint).Weights, data.Test, TestContext.Current.CancellationToken);

        Assert.Equal(["conv1", "fc1"], report.Layers.Select(l => l.Name));
        Assert.All(report.Layers, l => Assert.InRange(l.Saturation!.Value, 1.0 / l.Width, 1.0));
    }

    [Fact]
    public void ToSafetensors_OfACnnCheckpoint_KeepsTheConvKernelShape()
    {
        var data = ImageData.Quadrants(samples: 100);
        var epochs = new List<EpochReport>();
        ClassifierTrainer.Train(data, Spec, new TrainOptions(Epochs: 1), epochs.Add, TestContext.Current.CancellationToken);
        using var file = new MemoryStream();

        CheckpointExport.ToSafetensors(epochs[0].Checkpoint, file);

        var bytes = file.ToArray();
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        int[] Shape(string name) => [.. header.RootElement.GetProperty(name).GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())];
        Assert.Equal([4, 1, 3, 3], Shape("conv1.weight"));
        Assert.Equal([4], Shape("conv1.bias"));
        Assert.Equal([8, 36], Shape("fc1.weight"));
        Assert.Equal([4, 8], Shape("out.weight"));
    }
}

using System.Text.Json;
using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using CapacityGrid.Analysis.Measures.Prequential;
using CapacityGrid.Analysis.Training.Trainers;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Dataset;

public sealed class DatasetPrequentialTests
{
    // Labels a function of the inputs: the class is which of 4 quadrants of the first two features a row lies in,
    // on a raw scale (0-255) the measure has to standardise itself.
    private static TabularData Quadrants(int n, int seed, bool shuffleLabels = false)
    {
        var random = new Random(seed);
        var features = new float[n * 3];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                features[i * 3 + j] = (float)(random.NextDouble() * 255);
            }
            labels[i] = (features[i * 3] > 127.5 ? 1 : 0) + (features[i * 3 + 1] > 127.5 ? 2 : 0);
        }
        if (shuffleLabels)
        {
            random.Shuffle(labels);
        }
        return new TabularData(features, n, 3, labels, 4);
    }

    [Fact]
    public void Measure_LabelsThatAreAFunctionOfTheInputs_AreCodedInAFractionOfTheUniformCode()
    {
        var m = new DatasetMeasurer().Measure(Quadrants(600, seed: 1), TestContext.Current.CancellationToken);

        Assert.Null(m.Prequential.Reason);
        Assert.Equal(600 * 2.0, m.Prequential.UniformBits, 9);
        Assert.InRange(m.Prequential.Bits!.Value, 1, 0.35 * m.Prequential.UniformBits);
    }

    [Fact]
    public void Measure_LabelsIndependentOfTheInputs_CostAboutTheUniformCode()
    {
        var m = new DatasetMeasurer().Measure(Quadrants(600, seed: 2, shuffleLabels: true), TestContext.Current.CancellationToken);

        // A learner can only lose on labels it cannot predict: its code is near the uniform one, or longer.
        Assert.True(m.Prequential.Bits > 0.9 * m.Prequential.UniformBits, $"{m.Prequential.Bits} bits against {m.Prequential.UniformBits}");
    }

    [Fact]
    public void Measure_WithNoReferenceLearner_SaysThePrequentialCodeIsTurnedOff()
    {
        var options = new DatasetMeasurerOptions { PrequentialHiddenWidths = [] };

        var m = new DatasetMeasurer(options).Measure(Quadrants(100, seed: 3), TestContext.Current.CancellationToken);

        Assert.Null(m.Prequential.Bits);
        Assert.Contains("turned off", m.Prequential.Reason);
    }

    [Fact]
    public void Measure_TooFewSamples_IsNullWithAReason()
    {
        var m = new DatasetMeasurer().Measure(Quadrants(12, seed: 4), TestContext.Current.CancellationToken);

        Assert.Null(m.Prequential.Bits);
        Assert.Contains("at least 20 samples", m.Prequential.Reason);
    }

    [Fact]
    public void Options_AHiddenWidthBelowOne_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatasetMeasurer(new DatasetMeasurerOptions { PrequentialHiddenWidths = [8, 0] }));
    }

    [Theory]
    [InlineData(64, 300, 200)]     // one batch per epoch: 300 epochs wanted, capped at 200
    [InlineData(640, 300, 30)]     // ten batches per epoch: 30 epochs give 300 steps
    [InlineData(64_000, 300, 10)]  // the training's own 10 epochs already take more steps
    public void BlockTraining_ASmallPrefix_TrainsForEnoughStepsUpToTheCap(int prefix, int minimumSteps, int expectedEpochs)
    {
        var training = new TrainOptions(10, BatchSize: 64);

        var block = PrequentialCode.BlockTraining(training, new PrequentialOptions { MinimumSteps = minimumSteps }, prefix);

        Assert.Equal(expectedEpochs, block.Epochs);
    }

    [Fact]
    public void DatasetEstimates_OfMeasuresWithAPrequentialCode_ReportItsBits()
    {
        var m = new DatasetMeasurer().Measure(Quadrants(200, seed: 5), TestContext.Current.CancellationToken);

        var estimates = DatasetEstimates.FromMeasures(m);

        var prequential = Assert.Single(estimates, e => e.Name == "prequential");
        Assert.Equal(m.Prequential.Bits, prequential.Bits);
        Assert.Contains("MLP 64", prequential.Note);
    }

    [Fact]
    public void DatasetEstimates_OfMeasuresFromBeforeThePrequentialCode_SayItIsMissing()
    {
        // As the dataset measure cache reads back a blob stored before the prequential code was measured.
        var stored = JsonSerializer.Deserialize<DatasetMeasures>("""{"samples": 100, "labelEntropyBits": 1}""", JsonSerializerOptions.Web);

        var estimates = DatasetEstimates.FromMeasures(stored);

        var prequential = Assert.Single(estimates, e => e.Name == "prequential");
        Assert.Null(prequential.Bits);
        Assert.Contains("no prequential code length", prequential.Note);
    }
}

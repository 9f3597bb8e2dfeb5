using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Capacity;

[Collection(nameof(Training.SerialTorch))]
public sealed class MemorisationTests
{
    [Fact]
    public void Threshold_SmallestMemorisingNetwork_DividesTheLabelBitsByItsParameters()
    {
        var threshold = Memorisation.Threshold(400, [(300, 1.0), (100, 0.95), (200, 0.99), (50, 0.6)]);

        Assert.Equal(200, threshold!.Parameters);
        Assert.Equal(2.0, threshold.BitsPerParameter, 12);
    }

    [Fact]
    public void Threshold_NothingMemorised_ReturnsNull()
    {
        Assert.Null(Memorisation.Threshold(400, [(300, 0.98)]));
    }

    /// <summary>
    /// Random labels carry n log2 K bits and nothing to generalise: the smallest one-hidden-layer MLP that fits them
    /// gives the bits a parameter stores under this training budget (Adam, 600 full-batch epochs). Published
    /// reference points: perceptron about 2, RNNs about 5, GPT-style about 3.6 bits per parameter.
    /// </summary>
    [Fact]
    public void Threshold_RandomLabels_MeasuresBitsPerParameterOfTheOrderOfTheReferencePoints()
    {
        var token = TestContext.Current.CancellationToken;
        var dataset = new RandomLabelsDataset(InputDim: 8, Classes: 2, Samples: 200, Seed: 3);
        var all = dataset.Generate();
        // Every sample is a training sample; the test part is a copy (there is nothing to generalise).
        var data = new DataSplit(all, all, "random labels");
        var trained = new List<(long, double)>();
        foreach (var width in new[] { 4, 8, 16, 32, 64 })
        {
            EpochReport? last = null;
            var outcome = ClassifierTrainer.Train(data, new MlpSpec(8, [width], 2), new TrainOptions(600, LearningRate: 0.02, BatchSize: 200, Seed: 1), r => last = r, token);
            trained.Add((outcome.ParameterCount, last!.TrainAccuracy));
        }

        var threshold = Memorisation.Threshold(dataset.LabelInformationBits, trained);

        var table = string.Join("; ", trained.Select(t => $"{t.Item1} params: {t.Item2:F3}"));
        Assert.NotNull(threshold);
        TestContext.Current.TestOutputHelper?.WriteLine($"random-label memorisation: {threshold.BitsPerParameter:F2} bits/parameter ({threshold.LabelBits} bits, {threshold.Parameters} parameters); {table}");
        // The smallest width must not memorise, or the sweep has not bracketed the threshold.
        Assert.True(trained[0].Item2 < Memorisation.MemorisedAt, $"the smallest network memorised: {table}");
        // Of the order of the reference points (2 to 5 bits per parameter).
        Assert.InRange(threshold.BitsPerParameter, 0.25, 8);
    }
}

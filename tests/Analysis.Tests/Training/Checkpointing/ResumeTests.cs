using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;

namespace CapacityGrid.Analysis.Tests.Training.Checkpointing;

[Collection(nameof(SerialTorch))]
public sealed class ResumeTests
{
    private static readonly MlpSpec Spec = new(12, [16, 8], 4);

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void Train_TwoEpochsThenResumeForTwo_GivesWeightsBitIdenticalToFourStraight(OptimizerKind optimizer)
    {
        var data = TrainingData.TeacherSplit(samples: 1200);
        var validation = TrainingData.TeacherSplit(seed: 9, samples: 300).Test;
        // Early stopping that cannot trigger in 4 epochs still puts its state through the checkpoint.
        var options = new TrainOptions(Epochs: 4, Optimizer: optimizer, LearningRate: 0.01, BatchSize: 32, Seed: 11,
            EarlyStopping: new EarlyStoppingOptions(Patience: 10));
        var threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try
        {
            var straightEpochs = new List<EpochReport>();
            var straight = ClassifierTrainer.Train(data, Spec, options, straightEpochs.Add, TestContext.Current.CancellationToken, validation: validation);
            var firstHalf = new List<EpochReport>();
            ClassifierTrainer.Train(data, Spec, options with { Epochs = 2 }, firstHalf.Add, TestContext.Current.CancellationToken, validation: validation);
            var secondHalf = new List<EpochReport>();

            var resumed = ClassifierTrainer.Train(data, Spec, options, secondHalf.Add, TestContext.Current.CancellationToken,
                new ResumePoint(2, firstHalf[^1].Checkpoint), validation);

            Assert.Equal([3, 4], secondHalf.Select(e => e.Epoch));
            Assert.Equal(straight.Weights.SelectMany(w => w.Values.Concat(w.Bias!)), resumed.Weights.SelectMany(w => w.Values.Concat(w.Bias!)));
            Assert.Equal(straightEpochs[^1].TrainLoss, secondHalf[^1].TrainLoss);
            Assert.Equal(straightEpochs[^1].ValidationLoss, secondHalf[^1].ValidationLoss);
            // Guard against a trivially equal result: training moved the weights after epoch 2.
            Assert.NotEqual(firstHalf[^1].TrainLoss, secondHalf[^1].TrainLoss);
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    [Fact]
    public void Train_ResumeFromACheckpointOfAnotherSpec_ThrowsMismatchBeforeAnyEpoch()
    {
        var data = TrainingData.TeacherSplit(samples: 600);
        var first = new List<EpochReport>();
        ClassifierTrainer.Train(data, Spec, new TrainOptions(Epochs: 1), first.Add, TestContext.Current.CancellationToken);
        var reported = new List<EpochReport>();

        var e = Assert.Throws<CheckpointMismatchException>(() => ClassifierTrainer.Train(
            data, Spec with { Hidden = [16, 9] }, new TrainOptions(Epochs: 3), reported.Add, TestContext.Current.CancellationToken,
            new ResumePoint(1, first[0].Checkpoint)));

        Assert.Contains("12-16-8-4 relu", e.Message);
        Assert.Contains("12-16-9-4 relu", e.Message);
        Assert.Empty(reported);
    }

    [Fact]
    public void Train_ResumeWithAnotherLearningRate_ThrowsMismatch()
    {
        var data = TrainingData.TeacherSplit(samples: 600);
        var first = new List<EpochReport>();
        ClassifierTrainer.Train(data, Spec, new TrainOptions(Epochs: 1), first.Add, TestContext.Current.CancellationToken);

        var e = Assert.Throws<CheckpointMismatchException>(() => ClassifierTrainer.Train(
            data, Spec, new TrainOptions(Epochs: 3, LearningRate: 0.5), _ => { }, TestContext.Current.CancellationToken,
            new ResumePoint(1, first[0].Checkpoint)));

        Assert.Contains("lr=0.5", e.Message);
    }

    [Fact]
    public void Train_ResumeFromAPayloadThatIsNotOurs_ThrowsFormatException()
    {
        var data = TrainingData.TeacherSplit(samples: 600);
        var reported = new List<EpochReport>();

        Assert.Throws<CheckpointFormatException>(() => ClassifierTrainer.Train(
            data, Spec, new TrainOptions(Epochs: 2), reported.Add, TestContext.Current.CancellationToken,
            new ResumePoint(1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])));

        Assert.Empty(reported);
    }
}

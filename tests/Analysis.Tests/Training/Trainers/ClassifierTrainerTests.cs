using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Training.Trainers;

public sealed class ClassifierTrainerTests
{
    [Fact]
    public void Train_OnTeacherData_ReachesTestAccuracyWellAboveChance()
    {
        var data = TrainingData.TeacherSplit();
        var majority = data.Test.Labels.GroupBy(l => l).Max(g => g.Count()) / (double)data.Test.Samples;
        var epochs = new List<EpochReport>();

        var outcome = ClassifierTrainer.Train(data, new MlpSpec(12, [64, 64], 4), new TrainOptions(Epochs: 12, LearningRate: 3e-3), epochs.Add, TestContext.Current.CancellationToken);

        Assert.False(outcome.Diverged);
        Assert.Equal(12, epochs.Count);
        Assert.Equal(Enumerable.Range(1, 12), epochs.Select(e => e.Epoch));
        var final = epochs[^1];
        // The teacher is a small ReLU net the student can represent; chance is the majority class share.
        Assert.True(final.TestAccuracy > 0.85, $"test accuracy {final.TestAccuracy:F3}");
        Assert.True(final.TestAccuracy > majority + 0.3, $"test accuracy {final.TestAccuracy:F3} vs majority {majority:F3}");
        Assert.True(epochs[^1].TrainLoss < epochs[0].TrainLoss);
    }

    [Fact]
    public void Train_WithTheSameSeed_GivesIdenticalWeights()
    {
        var data = TrainingData.TeacherSplit();
        var spec = new MlpSpec(12, [16], 4);
        var options = new TrainOptions(Epochs: 2, Seed: 5);

        var a = ClassifierTrainer.Train(data, spec, options, _ => { }, TestContext.Current.CancellationToken);
        var b = ClassifierTrainer.Train(data, spec, options, _ => { }, TestContext.Current.CancellationToken);
        var c = ClassifierTrainer.Train(data, spec, options with { Seed = 6 }, _ => { }, TestContext.Current.CancellationToken);

        Assert.Equal(a.Weights.SelectMany(w => w.Values), b.Weights.SelectMany(w => w.Values));
        Assert.NotEqual(a.Weights.SelectMany(w => w.Values), c.Weights.SelectMany(w => w.Values));
    }

    [Fact]
    public void Train_ReportsExactParameterCountAndNamedLayers()
    {
        var spec = new MlpSpec(12, [10, 7], 4);

        var outcome = ClassifierTrainer.Train(TrainingData.TeacherSplit(), spec, new TrainOptions(Epochs: 1), _ => { }, TestContext.Current.CancellationToken);

        Assert.Equal(12 * 10 + 10 + 10 * 7 + 7 + 7 * 4 + 4, outcome.ParameterCount);
        Assert.Equal(outcome.ParameterCount, outcome.Weights.Sum(w => w.ParameterCount));
        Assert.Equal(["fc1", "fc2", "out"], outcome.Weights.Select(w => w.Name));
    }

    [Fact]
    public void Train_WithAHugeLearningRate_StopsAsDivergedInsteadOfThrowing()
    {
        var epochs = new List<EpochReport>();

        var outcome = ClassifierTrainer.Train(TrainingData.TeacherSplit(), new MlpSpec(12, [64], 4), new TrainOptions(Epochs: 5, Optimizer: OptimizerKind.Sgd, LearningRate: 1e12, Momentum: 0.9), epochs.Add, TestContext.Current.CancellationToken);

        Assert.True(outcome.Diverged);
        Assert.Equal(epochs.Count + 1, outcome.DivergedAtEpoch);
    }

    [Fact]
    public void Train_ResumedFromACheckpoint_ContinuesFromTheNextEpoch()
    {
        var data = TrainingData.TeacherSplit();
        var first = new List<EpochReport>();
        ClassifierTrainer.Train(data, new MlpSpec(12, [16], 4), new TrainOptions(Epochs: 2), first.Add, TestContext.Current.CancellationToken);
        var rest = new List<EpochReport>();

        ClassifierTrainer.Train(data, new MlpSpec(12, [16], 4), new TrainOptions(Epochs: 4), rest.Add, TestContext.Current.CancellationToken, resume: new ResumePoint(2, first[^1].Checkpoint));

        Assert.Equal([3, 4], rest.Select(e => e.Epoch));
        // Starting from trained weights, epoch 3 begins no worse than epoch 2 ended.
        Assert.True(rest[0].TrainLoss <= first[^1].TrainLoss * 1.05, $"{rest[0].TrainLoss} vs {first[^1].TrainLoss}");
    }

    [Fact]
    public void Train_WithLayerTracking_SplitsEachEpochIntoStepsEvaluationAndLayerMeasuresWithinItsDuration()
    {
        var data = TrainingData.TeacherSplit();
        var epochs = new List<EpochReport>();

        ClassifierTrainer.Train(data, new MlpSpec(12, [16], 4), new TrainOptions(Epochs: 2), epochs.Add, TestContext.Current.CancellationToken, layers: new LayerTracking());

        Assert.Equal(2, epochs.Count);
        Assert.All(epochs, e =>
        {
            var phases = e.Phases!;
            Assert.True(phases.TrainingSteps > TimeSpan.Zero, $"epoch {e.Epoch}: steps {phases.TrainingSteps}");
            Assert.True(phases.Evaluation > TimeSpan.Zero, $"epoch {e.Epoch}: evaluation {phases.Evaluation}");
            Assert.True(phases.LayerMeasures > TimeSpan.Zero, $"epoch {e.Epoch}: layer measures {phases.LayerMeasures}");
            // The three follow one another inside the epoch, which the report's duration spans.
            Assert.True(phases.TrainingSteps + phases.Evaluation + phases.LayerMeasures <= e.Duration, $"epoch {e.Epoch}: {phases} over {e.Duration}");
        });
    }
}

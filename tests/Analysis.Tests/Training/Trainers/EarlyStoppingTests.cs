using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Training.Trainers;

public sealed class EarlyStoppingTests
{
    [Fact]
    public void Observe_NoImprovementForPatienceEpochs_SaysStop()
    {
        var stopper = new EarlyStopper(new EarlyStoppingOptions(Patience: 2, MinDelta: 0.01));

        var decisions = new[] { 1.0, 0.8, 0.795, 0.9, 0.7, 0.71, 0.699 }.Select(stopper.Observe).ToArray();

        // 0.795 improves on 0.8 by less than MinDelta, 0.9 is worse: two in a row stop. Then 0.7 resets.
        Assert.Equal([false, false, false, true, false, false, true], decisions);
        Assert.Equal(0.7, stopper.BestLoss);
    }

    [Fact]
    public void Train_WithAMinDeltaNoEpochCanBeat_StopsAfterPatienceEpochs()
    {
        var data = TrainingData.TeacherSplit(samples: 600);
        var epochs = new List<EpochReport>();
        // The first epoch always improves on +infinity; no later epoch can improve by 100 nats.
        var options = new TrainOptions(Epochs: 10, EarlyStopping: new EarlyStoppingOptions(Patience: 2, MinDelta: 100));

        var outcome = ClassifierTrainer.Train(data, new MlpSpec(12, [8], 4), options, epochs.Add, TestContext.Current.CancellationToken, validation: data.Test);

        Assert.Equal(3, outcome.StoppedEarlyAtEpoch);
        Assert.Equal([1, 2, 3], epochs.Select(e => e.Epoch));
        Assert.All(epochs, e => Assert.NotNull(e.ValidationLoss));
    }

    [Fact]
    public void Train_WithoutEarlyStopping_RunsEveryEpochAndReportsNoValidation()
    {
        var epochs = new List<EpochReport>();

        var outcome = ClassifierTrainer.Train(TrainingData.TeacherSplit(samples: 600), new MlpSpec(12, [8], 4), new TrainOptions(Epochs: 3), epochs.Add, TestContext.Current.CancellationToken);

        Assert.False(outcome.StoppedEarly);
        Assert.Equal(3, epochs.Count);
        Assert.All(epochs, e => Assert.Null(e.ValidationLoss));
    }

    [Fact]
    public void Train_EarlyStoppingWithoutAValidationSet_ThrowsNamingIt()
    {
        var options = new TrainOptions(Epochs: 3, EarlyStopping: new EarlyStoppingOptions(Patience: 1));

        var e = Assert.Throws<ArgumentException>(() => ClassifierTrainer.Train(TrainingData.TeacherSplit(samples: 600), new MlpSpec(12, [8], 4), options, _ => { }, TestContext.Current.CancellationToken));

        Assert.Equal("validation", e.ParamName);
    }

    [Theory]
    [InlineData(0, 0, "Patience")]
    [InlineData(3, -0.1, "MinDelta")]
    [InlineData(3, double.NaN, "MinDelta")]
    public void Validated_BadOptions_ThrowsNamingTheField(int patience, double minDelta, string field)
    {
        var e = Assert.Throws<ArgumentException>(() => new EarlyStoppingOptions(patience, minDelta).Validated());

        Assert.Equal(field, e.ParamName);
    }
}

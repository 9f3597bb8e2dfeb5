using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Tests.Training;

public sealed class BatchKeyTests
{
    private static readonly DataSplit Data =
        DataSplit.Holdout(new TeacherDataset(12, [8], 3, 200, 0, 1).Generate(), 0.2, 1, "teacher");

    private static readonly DatasetSpec Dataset = new("teacher", InputDim: 12, TeacherHidden: [8], Classes: 3, Samples: 200, Seed: 1);

    private readonly TorchTrainingEngine _engine = new(Options.Create(new TrainingSlotOptions()), Options.Create(new FinalProbeOptions()));

    private static TrainRequest Request(GridPoint point, TrainingSpec? training = null, string experiment = "e") =>
        new(experiment, point, Dataset, training ?? new TrainingSpec(2));

    [Fact]
    public void BatchKey_PointsDifferingOnlyInIdAndSeed_AreEqual()
    {
        var a = _engine.BatchKey(Request(new GridPoint("a", [16, 16], 1, "relu")), Data);
        var b = _engine.BatchKey(Request(new GridPoint("b", [16, 16], 2, "relu")), Data);

        Assert.NotNull(a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void BatchKey_OtherShapeActivationTrainingOrExperiment_Differs()
    {
        var key = _engine.BatchKey(Request(new GridPoint("a", [16, 16], 1, "relu")), Data);

        Assert.NotEqual(key, _engine.BatchKey(Request(new GridPoint("a", [16, 8], 1, "relu")), Data));
        Assert.NotEqual(key, _engine.BatchKey(Request(new GridPoint("a", [16, 16], 1, "tanh")), Data));
        Assert.NotEqual(key, _engine.BatchKey(Request(new GridPoint("a", [16, 16], 1, "relu"), new TrainingSpec(2, LearningRate: 0.01)), Data));
        Assert.NotEqual(key, _engine.BatchKey(Request(new GridPoint("a", [16, 16], 1, "relu"), experiment: "f"), Data));
    }

    [Fact]
    public void BatchKey_CnnOrLargeModel_IsNull()
    {
        var cnn = new GridPoint("c", [2, 8], 1, "relu", new GridConv(1, 3, "max", [3, 2, 2]));
        // 12-250-250-3: 66,753 parameters, past the 60k where stacking stops gaining; 12-200-200-3 (43,403) is not.
        var large = new GridPoint("l", [250, 250], 1, "relu");
        var below = new GridPoint("b", [200, 200], 1, "relu");

        Assert.Null(_engine.BatchKey(Request(cnn), Data));
        Assert.Null(_engine.BatchKey(Request(large), Data));
        Assert.NotNull(_engine.BatchKey(Request(below), Data));
    }
}

using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Sizing;
using CapacityGrid.Grains.Training;

namespace CapacityGrid.Grains.Tests.Sizing;

public sealed class GridEstimateTests
{
    private static ExperimentSpec Spec(GridSpec grid, int inputDim = 20, int classes = 4, string optimizer = "adam") => new(
        "sizing", new DatasetSpec("teacher", InputDim: inputDim, Classes: classes, Samples: 1000), grid, new TrainingSpec(Epochs: 3, Optimizer: optimizer));

    [Fact]
    public void Of_MlpAndCnnPoints_CountTheParametersTheirBuiltModelsHave()
    {
        var mlp = Spec(new GridSpec([7, 12], [1, 3], [1], Shapes: [GridShapes.Uniform, GridShapes.Funnel]), inputDim: 13, classes: 3);
        var cnn = Spec(new GridSpec([6], [1], [1], Cnn: new CnnGridSpec([[3, 5]], Kernel: 3)), inputDim: 256, classes: 5);

        foreach (var spec in new[] { mlp, cnn })
        {
            var shape = DataShape.FromSpec(spec.Dataset)!;
            foreach (var point in GridEstimate.Of(spec, shape).Points)
            {
                using var model = PointModel.Of(point.Point, shape.Features, shape.Classes).Build();
                Assert.Equal(model.parameters().Sum(p => p.numel()), point.Parameters);
            }
        }
    }

    [Fact]
    public void Of_AGrid_CountsEveryPointAndThreeForwardPassesPerSampleEpoch()
    {
        var spec = Spec(new GridSpec([8], [2], [1, 2, 3]));
        var shape = DataShape.FromSpec(spec.Dataset)!;

        var estimate = GridEstimate.Of(spec, shape);

        // 20-8-8-4: 160 + 64 + 32 weights; 700 training rows (1000 less 20 % test and 10 % validation), 3 epochs.
        Assert.Equal(3, estimate.Points.Count);
        Assert.Equal(700, shape.TrainSamples);
        Assert.Equal(3 * (3.0 * 256 * 700 * 3), estimate.MultiplyAdds);
    }

    [Fact]
    public void Check_APointOverTheParameterLimit_RefusesNamingTheFieldConfigurationAndCount()
    {
        var spec = Spec(new GridSpec([8, 65536], [20], [1]));

        var e = Assert.Throws<SpecException>(() => SizeLimits.Check(GridEstimate.Of(spec, DataShape.FromSpec(spec.Dataset)!), new(long.MaxValue), "limit"));

        Assert.Equal("grid: 65536 x 20 hidden layers has 81,607,262,212 parameters, more than 2,147,483,647", e.Message);
    }

    [Fact]
    public void Check_APointOverASlotsMemory_RefusesNamingTheConfigurationAndTheSetting()
    {
        var spec = Spec(new GridSpec([4, 1024], [2], [1]));
        var estimate = GridEstimate.Of(spec, DataShape.FromSpec(spec.Dataset)!);
        var largest = estimate.Points.Max(p => p.Memory.Total);

        var e = Assert.Throws<SpecException>(() => SizeLimits.Check(estimate, new(largest - 1), "Training:SlotMemory"));

        Assert.StartsWith("grid: 1024 x 2 hidden layers needs about ", e.Message);
        Assert.EndsWith("a training slot has (Training:SlotMemory)", e.Message);
        Assert.Empty(SizeLimits.Check(estimate, new(largest * 2 + 2), "Training:SlotMemory"));
    }

    [Fact]
    public void Check_APointOverHalfASlotsMemory_WarnsWithItsEstimate()
    {
        var spec = Spec(new GridSpec([4, 1024], [2], [1, 2]));
        var estimate = GridEstimate.Of(spec, DataShape.FromSpec(spec.Dataset)!);
        var largest = estimate.Points.Max(p => p.Memory.Total);

        var warning = Assert.Single(SizeLimits.Check(estimate, new(largest * 3 / 2), "Training:SlotMemory"));

        Assert.StartsWith($"grid: 1024 x 2 hidden layers needs about {CapacityGrid.Grains.Hosting.ByteSize.Format(largest)} to train (weights ", warning);
        Assert.Contains("over half the", warning);
    }

    [Fact]
    public void Of_ACnnWhoseKernelDoesNotFitTheImage_IsRefusedNamingGridCnn()
    {
        var spec = Spec(new GridSpec([6], [1], [1], Cnn: new CnnGridSpec([[3]], Kernel: 5)), inputDim: 16);

        var e = Assert.Throws<SpecException>(() => GridEstimate.Of(spec, DataShape.FromSpec(spec.Dataset)!));

        Assert.StartsWith("grid.cnn: ", e.Message);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, 0.9, 2)]
    [InlineData(OptimizerKind.Sgd, 0.9, 1)]
    [InlineData(OptimizerKind.Sgd, 0.0, 0)]
    public void Memory_OptimizerState_HoldsOneFloatPerParameterPerMoment(OptimizerKind optimizer, double momentum, int moments)
    {
        var model = PointModel.Of(new GridPoint("p", [32, 32], 1, "relu"), 20, 4);

        var memory = TrainingMemory.Of(model, optimizer, momentum, 64, 1000);

        Assert.Equal(4 * model.ParameterCount, memory.Weights);
        Assert.Equal(4 * model.ParameterCount * moments, memory.OptimizerState);
    }
}

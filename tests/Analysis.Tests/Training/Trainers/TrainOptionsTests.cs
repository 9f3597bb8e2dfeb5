using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Training.Trainers;

public sealed class TrainOptionsTests
{
    [Fact]
    public void Defaults_AreAdamOnTheAutomaticDevice()
    {
        var options = new TrainOptions(Epochs: 1);

        Assert.Equal(OptimizerKind.Adam, options.Optimizer);
        Assert.Equal(DeviceKind.Auto, options.Device);
    }

    [Fact]
    public void Validated_AnOptimizerValueNoKindHas_IsRefusedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainOptions(Epochs: 1, Optimizer: (OptimizerKind)7).Validated());

        Assert.Equal(nameof(TrainOptions.Optimizer), e.ParamName);
        Assert.StartsWith("unknown optimizer '7' (expected adam or sgd)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void Validated_EveryOptimizerKind_IsAccepted(OptimizerKind kind)
    {
        var options = new TrainOptions(Epochs: 1, Optimizer: kind);

        Assert.Same(options, options.Validated());
    }
}

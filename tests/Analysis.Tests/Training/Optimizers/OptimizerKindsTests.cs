using CapacityGrid.Analysis.Training.Optimizers;

namespace CapacityGrid.Analysis.Tests.Training.Optimizers;

public sealed class OptimizerKindsTests
{
    [Fact]
    public void TryParse_EveryNamedKind_RoundTripsThroughItsWord()
    {
        foreach (var kind in Enum.GetValues<OptimizerKind>())
        {
            Assert.True(OptimizerKinds.TryParse(OptimizerKinds.Name(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.Equal(["adam", "sgd"], OptimizerKinds.Names);
    }

    [Theory]
    [InlineData("Adam")]
    [InlineData("SGD")]
    [InlineData("adamw")]
    [InlineData(" adam")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_AWordSpecsDoNotUse_IsRefused(string? name) => Assert.False(OptimizerKinds.TryParse(name, out _));

    [Fact]
    public void Name_OfAValueNoKindHas_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerKinds.Name((OptimizerKind)99));
}

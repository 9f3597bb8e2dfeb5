using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Tests.Models;

public sealed class ActivationKindsTests
{
    [Fact]
    public void TryParse_EveryNamedKind_RoundTripsThroughItsWord()
    {
        foreach (var kind in Enum.GetValues<ActivationKind>())
        {
            Assert.True(ActivationKinds.TryParse(ActivationKinds.Name(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.Equal(["relu", "tanh"], ActivationKinds.Names);
    }

    [Theory]
    [InlineData("ReLU")]
    [InlineData("Tanh")]
    [InlineData("gelu")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_AWordSpecsDoNotUse_IsRefused(string? name) => Assert.False(ActivationKinds.TryParse(name, out _));

    [Fact]
    public void Name_OfAValueNoKindHas_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationKinds.Name((ActivationKind)99));
}

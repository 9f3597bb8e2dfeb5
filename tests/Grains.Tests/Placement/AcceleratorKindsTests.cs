using CapacityGrid.Grains.Placement;

namespace CapacityGrid.Grains.Tests.Placement;

public sealed class AcceleratorKindsTests
{
    [Fact]
    public void TryParse_EveryNamedKind_RoundTripsThroughItsWord()
    {
        foreach (var kind in Enum.GetValues<AcceleratorKind>())
        {
            Assert.True(AcceleratorKinds.TryParse(AcceleratorKinds.Name(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.Equal(["cpu", "gpu"], AcceleratorKinds.Names);
    }

    [Theory]
    [InlineData("GPU")]
    [InlineData("cuda")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_AWordConfigurationDoesNotUse_IsRefused(string? name) => Assert.False(AcceleratorKinds.TryParse(name, out _));
}

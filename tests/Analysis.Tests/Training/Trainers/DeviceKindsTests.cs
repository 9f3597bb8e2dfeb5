using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Training.Trainers;

public sealed class DeviceKindsTests
{
    [Fact]
    public void TryParse_EveryNamedKind_RoundTripsThroughItsWord()
    {
        foreach (var kind in Enum.GetValues<DeviceKind>())
        {
            Assert.True(DeviceKinds.TryParse(DeviceKinds.Name(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.Equal(["auto", "cpu", "cuda"], DeviceKinds.Names);
    }

    [Theory]
    [InlineData("CPU")]
    [InlineData("Cuda")]
    [InlineData("gpu")]
    [InlineData("cuda:0")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_AWordSpecsDoNotUse_IsRefused(string? name) => Assert.False(DeviceKinds.TryParse(name, out _));

    [Fact]
    public void Name_OfAValueNoKindHas_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceKinds.Name((DeviceKind)99));
}

using CapacityGrid.Analysis.Measures.Weights;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Weights;

public sealed class ArchitectureCapacityTests
{
    [Fact]
    public void Profile_SingleNeuron_StoresInputsPlusOneBits()
    {
        var profile = ArchitectureCapacity.Profile(784, [1]);

        Assert.Equal(785, profile.TotalBits);
        Assert.Null(profile.Layers[0].CapBits);
        Assert.Null(profile.BottleneckLayer);
    }

    [Fact]
    public void Profile_Mnist784_300_100_10_CapsEachLaterLayerAtWhatThePreviousPassesOn()
    {
        var profile = ArchitectureCapacity.Profile(784, [300, 100, 10]);

        // Raw: 300·785, 100·301, 10·101. Layer 1 receives 300 bits, layer 2 min(300, 100) = 100.
        Assert.Equal([235_500L, 30_100L, 1_010L], profile.Layers.Select(l => l.RawBits));
        Assert.Equal([235_500L, 300L, 100L], profile.Layers.Select(l => l.CappedBits));
        Assert.Equal(235_900, profile.TotalBits);
        Assert.Equal([null, 0, 1], profile.Layers.Select(l => l.CapSetBy));
        Assert.Equal(1, profile.BottleneckLayer);
    }

    [Fact]
    public void Profile_NarrowHiddenLayer_CapsEveryLayerAfterIt()
    {
        var profile = ArchitectureCapacity.Profile(10, [50, 2, 50, 50, 1]);

        // After the 2-wide layer nothing can carry more than 2 bits, however wide it is.
        Assert.Equal([550L, 50L, 2L, 2L, 2L], profile.Layers.Select(l => l.CappedBits));
        Assert.Equal([null, 0, 1, 1, 1], profile.Layers.Select(l => l.CapSetBy));
        Assert.Equal(606, profile.TotalBits);
        Assert.Equal(1, profile.BottleneckLayer);
    }

    [Fact]
    public void Profile_ZeroWidthLayer_Throws()
    {
        Assert.Throws<ArgumentException>(() => ArchitectureCapacity.Profile(4, [3, 0, 1]));
    }
}

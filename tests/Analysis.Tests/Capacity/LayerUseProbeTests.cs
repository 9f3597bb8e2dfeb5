using CapacityGrid.Analysis.Capacity;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Tests.Capacity;

public sealed class LayerUseProbeTests
{
    [Fact]
    public void EffectiveRank_ThreeEqualOrthogonalDirectionsInEight_IsThree()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var q = linalg.qr(randn(new long[] { 500, 8 }, generator: generator)).Q;
        var representation = q.narrow(1, 0, 3) * 5;

        Assert.Equal(3, LayerUseProbe.EffectiveRank(representation), 6);
    }

    [Fact]
    public void LinearCka_RotatedAndScaledCopy_IsOneAndUnrelatedNoiseIsNearZero()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(2);
        var x = randn(new long[] { 2000, 6 }, generator: generator);
        var rotation = linalg.qr(randn(new long[] { 6, 6 }, generator: generator)).Q;
        var noise = randn(new long[] { 2000, 6 }, generator: generator);

        Assert.Equal(1, LayerUseProbe.LinearCka(x, x.matmul(rotation) * 3 + 1), 6);
        Assert.InRange(LayerUseProbe.LinearCka(x, noise), 0, 0.02);
    }
}

using CapacityGrid.Analysis.Capacity;

namespace CapacityGrid.Analysis.Tests.Capacity;

public sealed class LayerVerdictKindTests
{
    [Theory]
    [InlineData(LayerVerdictKind.Bottleneck, "bottleneck")]
    [InlineData(LayerVerdictKind.Oversized, "oversized")]
    public void Name_OfEachKind_IsTheWordCapacityMapsOfEarlierVersionsHold(LayerVerdictKind kind, string name) =>
        Assert.Equal(name, LayerVerdicts.Name(kind));

    [Fact]
    public void Name_OfAValueThatIsNoKind_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerVerdicts.Name((LayerVerdictKind)7));
}

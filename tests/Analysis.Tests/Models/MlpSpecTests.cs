using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Tests.Models;

public sealed class MlpSpecTests
{
    [Theory]
    [InlineData(0, new[] { 8 }, 4, "InputDim")]
    [InlineData(12, new[] { 8, 0 }, 4, "Hidden[1]")]
    [InlineData(12, new[] { -3 }, 4, "Hidden[0]")]
    [InlineData(12, new[] { 8 }, 0, "Classes")]
    [InlineData(12, new[] { 2_000_000 }, 4, "Hidden[0]")]
    public void Constructor_WidthOutOfRange_ThrowsNamingTheField(int inputDim, int[] hidden, int classes, string field)
    {
        var e = Assert.Throws<ArgumentException>(() => new MlpSpec(inputDim, hidden, classes));

        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void Constructor_AbsurdDepth_ThrowsNamingHidden()
    {
        var e = Assert.Throws<ArgumentException>(() => new MlpSpec(12, Enumerable.Repeat(8, MlpSpec.MaxDepth + 1).ToArray(), 4));

        Assert.Equal("Hidden", e.ParamName);
        Assert.Contains($"{MlpSpec.MaxDepth + 1} layers", e.Message);
    }

    [Fact]
    public void Constructor_UnknownActivation_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => new MlpSpec(12, [8], 4, "gelu"));

        Assert.Equal("Activation", e.ParamName);
    }

    [Fact]
    public void Validated_MoreParametersThanArraysHold_Throws()
    {
        var spec = new MlpSpec(1 << 20, [1 << 20], 4);

        var e = Assert.Throws<ArgumentException>(() => spec.Validated());

        Assert.Equal("Hidden", e.ParamName);
    }

    [Fact]
    public void ToString_ListsEveryLayerWidthAndTheActivation()
    {
        Assert.Equal("12-64-32-4 tanh", new MlpSpec(12, [64, 32], 4, "tanh").ToString());
    }
}

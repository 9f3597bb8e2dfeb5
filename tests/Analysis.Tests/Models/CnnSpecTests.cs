using CapacityGrid.Analysis.Models;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Tests.Models;

public sealed class CnnSpecTests
{
    // 1x12x12 -> conv 4 k3 -> 10x10 -> max -> 5x5 -> conv 6 k2 -> 4x4 (no pool) -> 96 -> fc 10 -> out 3.
    private static readonly CnnSpec Spec = new(1, 12, 12, [new ConvLayerSpec(4, 3, "max"), new ConvLayerSpec(6, 2, "none")], [10], 3);

    [Fact]
    public void ParameterCount_TwoConvsAndAHead_MatchesTheHandFormulaAndTheBuiltModule()
    {
        const long Conv1 = 4 * (1 * 3 * 3 + 1);
        const long Conv2 = 6 * (4 * 2 * 2 + 1);
        const long Fc1 = 6 * 4 * 4 * 10 + 10;
        const long Out = 10 * 3 + 3;
        using var model = Spec.Build();

        var inModule = model.parameters().Sum(p => p.numel());

        Assert.Equal(Conv1 + Conv2 + Fc1 + Out, Spec.ParameterCount);
        Assert.Equal(Spec.ParameterCount, inModule);
        Assert.Equal(96, Spec.FlatFeatures);
    }

    [Fact]
    public void LayerNames_TwoConvsAndOneHiddenLayer_AreConvThenFcThenOut()
    {
        Assert.Equal(["conv1", "conv2", "fc1", "out"], Spec.LayerNames);
        Assert.Equal([4, 6, 10], Spec.HiddenWidths);
        Assert.Equal(144, Spec.InputDim);
    }

    [Fact]
    public void Forward_FlatRows_GivesLogitsPerClassAndHiddenLayersOfTheirWidths()
    {
        using var scope = NewDisposeScope();
        using var model = Spec.Build();
        var seen = new List<(int Layer, long[] Pre, long[] Post)>();

        var logits = model.Forward(randn(5, 144), (l, pre, post) => seen.Add((l, pre.shape, post.shape)));

        Assert.Equal([5L, 3L], logits.shape);
        Assert.Equal([0, 1, 2], seen.Select(s => s.Layer));
        Assert.Equal([[5L, 4L], [5L, 6L], [5L, 10L]], seen.Select(s => s.Pre));
        Assert.Equal(seen.Select(s => s.Pre), seen.Select(s => s.Post));
    }

    [Fact]
    public void ExtractWeights_AConvLayer_IsOutChannelsByInTimesKernelSquaredWithItsTensorShape()
    {
        using var model = Spec.Build();

        var weights = model.ExtractWeights();

        Assert.Equal(["conv1", "conv2", "fc1", "out"], weights.Select(w => w.Name));
        Assert.Equal((6, 16), (weights[1].Rows, weights[1].Cols));
        Assert.Equal([6, 4, 2, 2], weights[1].TensorShape!);
        Assert.Null(weights[2].TensorShape);
        Assert.Equal(Spec.ParameterCount, weights.Sum(w => w.ParameterCount));
    }

    [Theory]
    [InlineData(0, 3, 3, "Convs[0].Channels")]
    [InlineData(4, 0, 3, "Convs[1].Channels")]
    [InlineData(4, 3, 9, "Convs[1].Kernel")]
    public void Constructor_ABadConvLayer_NamesTheField(int first, int second, int secondKernel, string field)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new CnnSpec(1, 12, 12, [new ConvLayerSpec(first, 3), new ConvLayerSpec(second, secondKernel)], [8], 3));

        Assert.Equal(field, e.ParamName);
        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Constructor_PoolingThatShrinksTheMapToNothing_NamesThePoolOfThatLayer()
    {
        // 8x8 -> k3 -> 6x6 -> max 3x3 -> k2 -> 2x2 -> max 1x1 -> k1 -> 1x1 -> max: nothing left.
        ConvLayerSpec[] convs = [new(2, 3), new(2, 2), new(2, 1)];

        var e = Assert.Throws<ArgumentException>(() => new CnnSpec(1, 8, 8, convs, [], 2));

        Assert.Equal("Convs[2].Pool", e.ParamName);
        Assert.Contains("1x1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validated_AfterAWithThatBreaksTheGeometry_Throws()
    {
        var broken = Spec with { Height = 4 };

        var e = Assert.Throws<ArgumentException>(() => broken.Validated());

        Assert.Equal("Convs[1].Kernel", e.ParamName);
    }
}

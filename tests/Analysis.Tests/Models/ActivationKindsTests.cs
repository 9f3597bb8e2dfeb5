using CapacityGrid.Analysis.Models;
using static TorchSharp.torch;

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

    [Fact]
    public void Apply_ComputesTheNamedFunction()
    {
        using var x = tensor(new[] { -2f, 0f, 0.5f });

        using var relu = ActivationKind.Relu.Apply(x);
        using var tanh = ActivationKind.Tanh.Apply(x);

        Assert.Equal([0f, 0f, 0.5f], relu.data<float>().ToArray());
        Assert.Equal([MathF.Tanh(-2f), 0f, MathF.Tanh(0.5f)], tanh.data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Theory]
    [InlineData(ActivationKind.Relu, false)]
    [InlineData(ActivationKind.Tanh, true)]
    public void IsBounded_IsTrueOnlyForTanh(ActivationKind kind, bool bounded) => Assert.Equal(bounded, kind.IsBounded());

    [Theory]
    [InlineData("relu", ActivationKind.Relu)]
    [InlineData("tanh", ActivationKind.Tanh)]
    public void TypedActivation_OfAModelSpec_ReadsItsWord(string word, ActivationKind kind)
    {
        Assert.Equal(kind, new MlpSpec(4, [3], 2, word).TypedActivation);
        Assert.Equal(kind, new CnnSpec(1, 6, 6, [new ConvLayerSpec(2, 3)], [4], 2, word).TypedActivation);
    }
}

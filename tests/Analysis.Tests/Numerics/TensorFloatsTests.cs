using CapacityGrid.Analysis.Numerics;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Tests.Numerics;

public sealed class TensorFloatsTests
{
    [Fact]
    public void ToArray_OfATransposedView_GivesItsValuesInRowMajorOrder()
    {
        using var scope = NewDisposeScope();
        var matrix = arange(6, dtype: ScalarType.Float32).reshape(2, 3);

        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f], TensorFloats.ToArray(matrix));
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], TensorFloats.ToArray(matrix.t()));
    }

    [Fact]
    public void CopyTo_WritesFromTheStartOfTheDestinationAndLeavesTheRest()
    {
        using var scope = NewDisposeScope();
        var destination = new float[5];
        destination[4] = 9f;

        TensorFloats.CopyTo(tensor(new[] { 1f, 2f, 3f }), destination.AsSpan(1));

        Assert.Equal([0f, 1f, 2f, 3f, 9f], destination);
    }

    [Fact]
    public void ToArray_OfADoubleTensor_IsRefused()
    {
        using var scope = NewDisposeScope();

        var e = Assert.Throws<ArgumentException>(() => TensorFloats.ToArray(zeros(2, dtype: ScalarType.Float64)));

        Assert.StartsWith("expected a float32 tensor, got Float64", e.Message, StringComparison.Ordinal);
    }
}

using CapacityGrid.Analysis.Numerics;

namespace CapacityGrid.Analysis.Tests.Numerics;

public sealed class SymmetricProductsTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 3, 3)]
    [InlineData(7, 9, 12)]
    [InlineData(37, 13, 16)]
    [InlineData(70, 33, 40)]
    public void AddUpper_AnyShape_AddsEveryUpperDotProductAndLeavesTheLowerTriangle(int rows, int length, int stride)
    {
        var random = new Random(rows * 100 + length);
        var x = Generated.Normal(random, rows * stride);
        var target = Generated.Normal(random, rows * rows);
        var expected = (double[])target.Clone();
        for (var i = 0; i < rows; i++)
        {
            for (var j = i; j < rows; j++)
            {
                for (var t = 0; t < length; t++)
                {
                    expected[i * rows + j] += x[i * stride + t] * x[j * stride + t];
                }
            }
        }

        SymmetricProducts.AddUpper(x, rows, length, stride, target);

        for (var k = 0; k < target.Length; k++)
        {
            Assert.Equal(expected[k], target[k], 1e-12 * (1 + Math.Abs(expected[k])));
        }
    }
}

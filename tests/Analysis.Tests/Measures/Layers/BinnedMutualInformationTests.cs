using CapacityGrid.Analysis.Measures;
using CapacityGrid.Analysis.Measures.Layers;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Layers;

public sealed class BinnedMutualInformationTests
{
    [Fact]
    public void Of_TDeterministicFunctionOfY_GivesLabelInformationEqualToHOfY()
    {
        // Unbalanced classes 0..3 (counts 40, 30, 20, 10); T = a fixed 3-unit pattern per class.
        var labels = new[] { 40, 30, 20, 10 }.SelectMany((count, y) => Enumerable.Repeat(y, count)).ToArray();
        float[][] code = [[-0.9f, 0.1f, 0.9f], [0.9f, 0.1f, -0.9f], [0.5f, 0.5f, 0.5f], [-0.5f, -0.5f, 0.0f]];
        var activations = labels.SelectMany(y => code[y]).ToArray();
        var hy = Entropy.LabelBits(labels, 4);   // 1.8464 bits

        var result = BinnedMutualInformation.Of(activations, labels.Length, labels, 4);

        Assert.Equal(4, result.Patterns);
        Assert.Equal(hy, result.LabelBits, 1e-12);
        Assert.Equal(hy, result.InputBits, 1e-12);
    }

    [Fact]
    public void Of_ConstantT_GivesZeroInformation()
    {
        var labels = Enumerable.Range(0, 50).Select(i => i % 5).ToArray();
        var activations = Enumerable.Repeat(0.3f, 50 * 4).ToArray();

        var result = BinnedMutualInformation.Of(activations, 50, labels, 5);

        Assert.Equal(0, result.InputBits);
        Assert.Equal(0, result.LabelBits);
        Assert.Equal(1, result.Patterns);
    }

    [Fact]
    public void Of_EveryRowItsOwnPattern_GivesLog2NAndHOfY()
    {
        // 64 rows, unit 0 takes 64 distinct bins: T identifies the row, so I(X;T) = log2 64 and I(T;Y) = H(Y).
        const int n = 64;
        var labels = Enumerable.Range(0, n).Select(i => i % 2).ToArray();
        var activations = Enumerable.Range(0, n).SelectMany(i => new[] { -1 + (i + 0.5f) * 2f / n, 0f }).ToArray();

        var result = BinnedMutualInformation.Of(activations, n, labels, 2, bins: 64);

        Assert.Equal(6.0, result.InputBits, 1e-12);
        Assert.Equal(1.0, result.LabelBits, 1e-12);
    }

    [Fact]
    public void Of_ValuesBeyondTheRangeAndWithinOneBin_ShareTheirBin()
    {
        // 30 bins of width 1/15 on [-1, 1]: 1.0 and 1.5 share the last bin, -3 and -1 the first, 0.01 and 0.05 bin 15.
        float[] activations = [1.0f, 1.5f, -3f, -1f, 0.01f, 0.05f];
        int[] labels = [0, 0, 1, 1, 0, 1];

        var result = BinnedMutualInformation.Of(activations, 6, labels, 2);

        Assert.Equal(3, result.Patterns);
        Assert.Equal(Math.Log2(3), result.InputBits, 1e-12);
    }
}

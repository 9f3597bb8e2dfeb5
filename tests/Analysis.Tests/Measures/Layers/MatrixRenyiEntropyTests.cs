using CapacityGrid.Analysis.Measures.Layers;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Layers;

public sealed class MatrixRenyiEntropyTests
{
    [Theory]
    [InlineData(1.01)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(0.5)]
    public void Entropy_DistinctPointsTinySigma_IsLog2N(double alpha)
    {
        const int n = 64;
        var x = GaussianGram.Standardize(Generated.NormalFloats(new Random(71), n * 5), n);

        // Standardized normal points are ~0.1 or more apart: exp(-0.01 / 2e-6) underflows to 0, A = I/n.
        var a = GaussianGram.Of(x, n, sigma: 1e-3);

        Assert.Equal(Math.Log2(n), MatrixRenyiEntropy.Entropy(a, n, alpha), 1e-10);
    }

    [Theory]
    [InlineData(1.01)]
    [InlineData(2.0)]
    public void Entropy_BalancedOneHotClassesSmallSigma_IsLog2C(double alpha)
    {
        var labels = Enumerable.Range(0, 80).Select(i => i % 4).ToArray();

        // σ = 0.1: across-class kernel exp(-100) ≈ 4e-44, so A is 4 blocks of 1/n and has 4 eigenvalues 1/4.
        var b = GaussianGram.OfLabels(labels, 4, sigma: 0.1);

        Assert.Equal(2.0, MatrixRenyiEntropy.Entropy(b, labels.Length, alpha), 1e-10);
    }

    [Fact]
    public void Entropy_HugeSigma_IsNearZero()
    {
        const int n = 50;
        var x = GaussianGram.Standardize(Generated.NormalFloats(new Random(72), n * 3), n);

        // σ = 1e3: every K_ij ≥ exp(-60 / 2e6) ≈ 1 - 3e-5, A is nearly rank one.
        var a = GaussianGram.Of(x, n, sigma: 1e3);

        Assert.InRange(MatrixRenyiEntropy.Entropy(a, n), 0, 1e-3);
    }

    [Theory]
    [InlineData(2.0, 1.01)]
    [InlineData(4.0, 1.01)]
    [InlineData(4.0, 2.0)]
    [InlineData(8.0, 0.5)]
    public void Entropy_RandomData_LiesBetweenZeroAndLog2N(double sigma, double alpha)
    {
        const int n = 120;
        var x = GaussianGram.Standardize(Generated.NormalFloats(new Random(73), n * 8), n);
        var a = GaussianGram.Of(x, n, sigma);

        var s = MatrixRenyiEntropy.Entropy(a, n, alpha);

        // Squared distances of 8 standardized features average 16; σ from 2 to 8 puts K between exp(-2) and
        // exp(-1/8): neither limit, so the entropy must land strictly inside.
        // Eigenvalue rounding is ~1e-15; 1e-9 keeps the bound checks exact for practical purposes.
        Assert.InRange(s, -1e-9, Math.Log2(n) + 1e-9);
        Assert.InRange(s, 0.1, Math.Log2(n) - 0.1);   // and it is a genuinely intermediate value
    }

    [Fact]
    public void MutualInformation_DistinctPointsAndBalancedLabels_IsLog2C()
    {
        const int n = 60;
        var x = GaussianGram.Standardize(Generated.NormalFloats(new Random(74), n * 4), n);
        var labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var a = GaussianGram.Of(x, n, sigma: 1e-3);
        var b = GaussianGram.OfLabels(labels, 3, sigma: 0.1);

        var information = MatrixRenyiEntropy.MutualInformation(a, b, n);

        // S(X) = log2 n, S(Y) = log2 3, S(X,Y) = log2 n (A∘B is diagonal too): I = log2 3 = H(Y).
        Assert.Equal(Math.Log2(3), information, 1e-9);
    }

    [Fact]
    public void SilvermanWidth_ThousandSamplesSixDimensions_IsGammaTimesNToMinusOneTenth()
    {
        Assert.Equal(0.5011872336272722, GaussianGram.SilvermanWidth(1000, 6), 1e-15);
        Assert.Equal(0.8 * 0.5011872336272722, GaussianGram.SilvermanWidth(1000, 6, gamma: 0.8), 1e-15);
    }

    [Fact]
    public void Standardize_Columns_HaveMeanZeroVarianceOneAndConstantColumnsZero()
    {
        float[] data = [1, 5, 10, 2, 5, 20, 3, 5, 60, 6, 5, 10];

        var z = GaussianGram.Standardize(data, 4);

        for (var f = 0; f < 3; f++)
        {
            var column = Enumerable.Range(0, 4).Select(i => z[i * 3 + f]).ToArray();
            Assert.Equal(0.0, column.Average(), 1e-12);
            Assert.Equal(f == 1 ? 0.0 : 1.0, column.Average(v => v * v), 1e-12);
        }
    }
}

using CapacityGrid.Analysis.Measures.Weights;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Weights;

public sealed class WeightSpectrumTests
{
    [Fact]
    public void StableRank_Identity_IsN()
    {
        var eigenvalues = WeightSpectrum.Eigenvalues(Identity(30));

        // All 30 eigenvalues are exactly 1 in exact arithmetic; rounding is at the 1e-15 level.
        Assert.Equal(30.0, WeightSpectrum.StableRank(eigenvalues)!.Value, 1e-12);
    }

    [Fact]
    public void StableRank_RankOneMatrix_IsOne()
    {
        var random = new Random(2);
        var u = Generated.NormalFloats(random, 40);
        var v = Generated.NormalFloats(random, 70);
        var values = new float[40 * 70];
        for (var i = 0; i < 40; i++)
        {
            for (var j = 0; j < 70; j++)
            {
                values[i * 70 + j] = u[i] * v[j];
            }
        }

        var eigenvalues = WeightSpectrum.Eigenvalues(new WeightMatrix("outer", 40, 70, values));

        // The float32 product leaves residual singular values near 1e-7·σ_1, whose squares add ~1e-14.
        Assert.Equal(1.0, WeightSpectrum.StableRank(eigenvalues)!.Value, 1e-9);
    }

    [Fact]
    public void EffectiveRank_Identity_IsN()
    {
        var eigenvalues = WeightSpectrum.Eigenvalues(Identity(25));

        Assert.Equal(25.0, WeightSpectrum.EffectiveRank(eigenvalues)!.Value, 1e-10);
    }

    [Fact]
    public void EffectiveRank_SingularValuesThreeAndOne_IsExpOfEntropyOfSigmaShares()
    {
        // W = diag(3, 1) padded to 3 x 2: σ = (3, 1), p = (0.75, 0.25).
        var w = new WeightMatrix("diag", 3, 2, [3, 0, 0, 1, 0, 0]);
        var expected = Math.Exp(-(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25)));   // 1.7548

        var eigenvalues = WeightSpectrum.Eigenvalues(w);

        Assert.Equal([9.0, 1.0], eigenvalues);
        Assert.Equal(expected, WeightSpectrum.EffectiveRank(eigenvalues)!.Value, 1e-12);
        Assert.Equal(10.0 / 9.0, WeightSpectrum.StableRank(eigenvalues)!.Value, 1e-12);
    }

    [Fact]
    public void Eigenvalues_MatrixAndItsTranspose_GiveTheSameSpectrum()
    {
        const int rows = 30;
        const int cols = 45;
        var values = Generated.NormalFloats(new Random(9), rows * cols);
        var transposed = new float[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                transposed[c * rows + r] = values[r * cols + c];
            }
        }

        var wide = WeightSpectrum.Eigenvalues(new WeightMatrix("wide", rows, cols, values));
        var tall = WeightSpectrum.Eigenvalues(new WeightMatrix("tall", cols, rows, transposed));

        // W Wᵀ and Wᵀ W share their nonzero spectrum; both paths keep min(rows, cols) = 30 values.
        Assert.Equal(rows, wide.Length);
        Assert.Equal(rows, tall.Length);
        for (var i = 0; i < rows; i++)
        {
            Assert.Equal(wide[i], tall[i], 1e-10 * wide[0]);
        }
    }

    [Fact]
    public void Ranks_ZeroMatrix_AreNull()
    {
        var eigenvalues = WeightSpectrum.Eigenvalues(new WeightMatrix("zero", 4, 5, new float[20]));

        Assert.Null(WeightSpectrum.StableRank(eigenvalues));
        Assert.Null(WeightSpectrum.EffectiveRank(eigenvalues));
    }

    private static WeightMatrix Identity(int n)
    {
        var values = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            values[i * n + i] = 1;
        }
        return new WeightMatrix("identity", n, n, values);
    }
}

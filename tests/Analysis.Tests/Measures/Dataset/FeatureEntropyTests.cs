using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Dataset;

public sealed class FeatureEntropyTests
{
    [Fact]
    public void BitsPerSample_ConstantColumnBesideFourEqualValues_CountsOnlyTheVaryingColumn()
    {
        // Column 0 constant; column 1 takes 0, 1, 2, 3 equally often: 2 bits.
        var rows = Enumerable.Range(0, 400).Select(i => new[] { 7f, i % 4 }).ToArray();
        var data = Synthetic.Table(rows, new int[400], 1);

        var bits = FeatureEntropy.BitsPerSample(data);

        Assert.Equal(2.0, bits, 12);
    }

    [Fact]
    public void BitsPerSample_OnlyConstantColumns_IsZero()
    {
        var data = new TabularData(Enumerable.Repeat(3.5f, 50 * 6).ToArray(), 50, 6, new int[50], 1);

        var bits = FeatureEntropy.BitsPerSample(data);

        Assert.Equal(0.0, bits);
    }

    [Fact]
    public void BitsPerSample_Columns_AddUp()
    {
        // 256 distinct values (8 bits) and two values (1 bit), independent of each other.
        var rows = Enumerable.Range(0, 512).Select(i => new[] { i % 256 * 0.01f, i / 256 }).ToArray();
        var data = Synthetic.Table(rows, new int[512], 1);

        var bits = FeatureEntropy.BitsPerSample(data);

        Assert.Equal(9.0, bits, 12);
    }

    [Fact]
    public void BitsPerSample_FewerLevels_MergesValues()
    {
        // 256 distinct values in 4 uniform levels: 2 bits.
        var rows = Enumerable.Range(0, 256).Select(i => new[] { (float)i }).ToArray();
        var data = Synthetic.Table(rows, new int[256], 1);

        var bits = FeatureEntropy.BitsPerSample(data, levels: 4);

        Assert.Equal(2.0, bits, 12);
    }

    [Fact]
    public void BitsPerSample_NaNFeature_ThrowsNamingSampleAndFeature()
    {
        var rows = new[] { new[] { 1f, 2f }, new[] { 3f, float.NaN } };
        var data = Synthetic.Table(rows, [0, 0], 1);

        var error = Assert.Throws<ArgumentException>(() => FeatureEntropy.BitsPerSample(data));

        Assert.Contains("feature 1 of sample 1", error.Message);
    }
}

using CapacityGrid.Analysis.Measures.Weights;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Weights;

public sealed class WeightMeasuresTests
{
    [Fact]
    public void Of_SmallMlp_TotalsAddUpAndSmallLayersHaveNullAlphaWithReason()
    {
        var random = new Random(41);
        WeightMatrix[] layers =
        [
            Layer(random, "fc1", 120, 196),
            Layer(random, "fc2", 60, 120),
            Layer(random, "fc3", 10, 60),
        ];

        var report = WeightMeasures.Of(layers);

        Assert.Equal(120 * 197 + 60 * 121 + 10 * 61, report.ParameterCount);
        Assert.Equal(120 * 196 + 60 * 120 + 10 * 60, report.WeightCount);
        Assert.Equal(report.Layers.Sum(l => l.EntropyBits), report.EntropyBits, 1e-9);
        Assert.Equal(report.EntropyBits / report.WeightCount, report.EntropyBitsPerWeight, 1e-12);
        Assert.Equal(120 * 197 + 120 + 60, report.Capacity!.TotalBits);
        Assert.Null(report.CapacityNote);
        // fc1 and fc2 have 120 and 60 eigenvalues: valid fits. fc3 has 10: flagged.
        Assert.NotNull(report.Layers[0].Alpha);
        Assert.NotNull(report.Layers[1].Alpha);
        Assert.Null(report.Layers[2].Alpha);
        Assert.Contains("only 10 eigenvalues", report.Layers[2].AlphaNote);
        Assert.All(report.Layers, l => Assert.False(
            double.IsNaN(l.EntropyBitsPerWeight) || double.IsNaN(l.StableRank ?? 0) || double.IsNaN(l.EffectiveRank ?? 0)));
    }

    [Fact]
    public void Of_LayersThatDoNotChain_GiveNullCapacityWithReason()
    {
        var random = new Random(42);

        var report = WeightMeasures.Of([Layer(random, "a", 8, 4), Layer(random, "b", 3, 5)]);

        Assert.Null(report.Capacity);
        Assert.Contains("not a fully connected chain", report.CapacityNote);
    }

    [Fact]
    public void Of_ZeroLayer_ReportsNullRanksWithReason()
    {
        var report = WeightMeasures.Of([new WeightMatrix("zero", 3, 3, new float[9])]);

        Assert.Null(report.Layers[0].StableRank);
        Assert.Equal("all singular values are zero", report.Layers[0].RankNote);
        Assert.Equal(0, report.EntropyBits);
    }

    private static WeightMatrix Layer(Random random, string name, int rows, int cols) =>
        new(name, rows, cols, Generated.NormalFloats(random, rows * cols), Generated.NormalFloats(random, rows));
}

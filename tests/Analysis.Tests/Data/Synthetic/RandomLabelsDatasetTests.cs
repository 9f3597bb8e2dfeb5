using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Measures;

namespace CapacityGrid.Analysis.Tests.Data.Synthetic;

public sealed class RandomLabelsDatasetTests
{
    [Theory]
    [InlineData(1000, 4, 2000.0)]
    [InlineData(500, 10, 1660.9640474436812)]
    [InlineData(3, 2, 3.0)]
    public void LabelInformationBits_IsSamplesTimesLog2Classes(int samples, int classes, double bits) =>
        Assert.Equal(bits, new RandomLabelsDataset(5, classes, samples, 1).LabelInformationBits, 9);

    [Fact]
    public void Generate_SameSeed_GivesTheSameDataAndAnotherSeedDoesNot()
    {
        var a = new RandomLabelsDataset(6, 3, 200, 11).Generate();
        var b = new RandomLabelsDataset(6, 3, 200, 11).Generate();
        var c = new RandomLabelsDataset(6, 3, 200, 12).Generate();

        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Labels, c.Labels);
    }

    [Fact]
    public void Generate_ManySamples_LabelsAreUniformAndInputsStandardNormalWhateverTheClass()
    {
        const int n = 20_000;
        var data = new RandomLabelsDataset(4, 4, n, 3).Generate();

        var counts = Enumerable.Range(0, 4).Select(k => data.Labels.Count(l => l == k)).ToArray();
        var x0 = Enumerable.Range(0, n).Select(i => (double)data.Row(i)[0]).ToArray();
        var variance = x0.Select(v => v * v).Average() - x0.Average() * x0.Average();

        // 5 standard deviations of a binomial count (about 61 here).
        Assert.All(counts, c => Assert.InRange(c, 5000 - 306, 5000 + 306));
        Assert.InRange(Entropy.LabelBits(data.Labels, 4), 1.998, 2.0);
        Assert.InRange(variance, 0.96, 1.04);
        for (var k = 0; k < 4; k++)
        {
            // Class means of an input: 5 standard errors of about 0.014.
            var classMean = Enumerable.Range(0, n).Where(i => data.Labels[i] == k).Average(i => data.Row(i)[0]);
            Assert.InRange(classMean, -0.071, 0.071);
        }
    }
}

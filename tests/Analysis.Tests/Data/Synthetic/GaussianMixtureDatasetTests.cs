using CapacityGrid.Analysis.Data.Synthetic;

namespace CapacityGrid.Analysis.Tests.Data.Synthetic;

public sealed class GaussianMixtureDatasetTests
{
    [Fact]
    public void Means_WithNoMoreClassesThanDimensions_LieExactlySeparationApart()
    {
        var means = new GaussianMixtureDataset(6, 4, 10, Separation: 3, LabelNoise: 0, Seed: 2).Means();

        for (var a = 0; a < 4; a++)
        {
            for (var b = a + 1; b < 4; b++)
            {
                Assert.Equal(3.0, Distance(means[a], means[b]), 9);
            }
        }
    }

    [Fact]
    public void Means_WithMoreClassesThanDimensions_AllHaveTheSameLength()
    {
        var means = new GaussianMixtureDataset(2, 5, 10, Separation: 4, LabelNoise: 0, Seed: 2).Means();

        Assert.Equal(5, means.Length);
        Assert.All(means, m => Assert.Equal(4 / Math.Sqrt(2), Distance(m, new double[2]), 9));
    }

    [Fact]
    public void Generate_TwoClasses_BayesAccuracyIsPhiOfHalfTheSeparation()
    {
        const int n = 20_000;
        var mixture = new GaussianMixtureDataset(5, 2, n, Separation: 2, LabelNoise: 0, Seed: 4);

        var accuracy = Agreement(mixture);

        // Φ(1) = 0.841345; the standard error at n = 20000 is about 0.0026.
        Assert.Equal(0.841345, accuracy, 0.01);
    }

    [Fact]
    public void Generate_WithLabelNoise_ReplacesThatShareOfLabelsByUniformClasses()
    {
        var mixture = new GaussianMixtureDataset(3, 2, 20_000, Separation: 12, LabelNoise: 0.5, Seed: 4);

        var agreement = Agreement(mixture);

        // Separated classes: clean labels always agree with the Bayes class, noisy ones half the time.
        Assert.Equal(0.75, agreement, 0.015);
    }

    [Fact]
    public void Generate_SamplesOfEachClass_CentreOnThatClassMean()
    {
        var mixture = new GaussianMixtureDataset(3, 3, 15_000, Separation: 5, LabelNoise: 0, Seed: 8);
        var data = mixture.Generate();
        var means = mixture.Means();

        for (var k = 0; k < 3; k++)
        {
            var rows = Enumerable.Range(0, data.Samples).Where(i => data.Labels[i] == k).ToArray();
            for (var j = 0; j < 3; j++)
            {
                // 5 standard errors of a mean of about 5000 unit-variance draws.
                Assert.Equal(means[k][j], rows.Average(i => data.Row(i)[j]), 0.071);
            }
        }
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameData()
    {
        var a = new GaussianMixtureDataset(4, 3, 100, 2, 0.1, 9).Generate();
        var b = new GaussianMixtureDataset(4, 3, 100, 2, 0.1, 9).Generate();
        var c = new GaussianMixtureDataset(4, 3, 100, 2, 0.1, 10).Generate();

        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Features, c.Features);
    }

    private static double Agreement(GaussianMixtureDataset mixture)
    {
        var data = mixture.Generate();
        var means = mixture.Means();
        var agree = Enumerable.Range(0, data.Samples).Count(i => GaussianMixtureDataset.BayesClass(means, data.Row(i)) == data.Labels[i]);
        return agree / (double)data.Samples;
    }

    private static double Distance(double[] a, double[] b) =>
        Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
}

using CapacityGrid.Analysis.Measures.Weights;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Weights;

public sealed class PowerLawFitTests
{
    [Theory]
    [InlineData(2.5, 21)]
    [InlineData(4.0, 22)]
    public void Fit_ParetoSample_RecoversExponentWithinThreeSigma(double alpha, int seed)
    {
        var eigenvalues = Pareto(new Random(seed), 1000, alpha, xmin: 0.5);

        var fit = PowerLawFit.Fit(eigenvalues);

        // The MLE is asymptotically normal with standard error σ_α: 3σ_α covers 99.7 % of seeds.
        Assert.True(fit.IsValid);
        Assert.InRange(fit.Alpha!.Value, alpha - 3 * fit.Sigma!.Value, alpha + 3 * fit.Sigma.Value);
        Assert.True(fit.TailCount >= 100, $"the tail kept only {fit.TailCount} eigenvalues");
    }

    [Fact]
    public void Fit_BulkBelowParetoTail_PutsXminAtTheTail()
    {
        var random = new Random(23);
        // 600 bulk eigenvalues uniform in (0.01, 1) under a 400-value Pareto tail (α = 3) from 2.
        var bulk = Enumerable.Range(0, 600).Select(_ => 0.01 + 0.99 * random.NextDouble());
        var eigenvalues = bulk.Concat(Pareto(random, 400, 3.0, xmin: 2.0)).ToArray();

        var fit = PowerLawFit.Fit(eigenvalues);

        Assert.InRange(fit.XMin!.Value, 1.9, 4.0);
        Assert.InRange(fit.Alpha!.Value, 3.0 - 3 * fit.Sigma!.Value, 3.0 + 3 * fit.Sigma.Value);
    }

    [Fact]
    public void Fit_TenEigenvalues_IsFlaggedInvalidWithReason()
    {
        var eigenvalues = Pareto(new Random(24), 10, 2.5, xmin: 1.0);

        var fit = PowerLawFit.Fit(eigenvalues);

        Assert.False(fit.IsValid);
        Assert.Contains("only 10 eigenvalues", fit.InvalidReason);
        Assert.NotNull(fit.Alpha);
    }

    [Fact]
    public void Fit_ZeroAndEqualEigenvalues_GivesNoFitAndNoNaN()
    {
        double[] eigenvalues = [0, 0, 1e-9, 2, 2, 2];

        var fit = PowerLawFit.Fit(eigenvalues);

        Assert.Null(fit.Alpha);
        Assert.Equal(3, fit.EigenvalueCount);
        Assert.Contains("no power-law fit", fit.InvalidReason);
    }

    // Inverse CDF: λ = xmin · U^(-1/(α-1)) has density ∝ λ^-α above xmin.
    private static double[] Pareto(Random random, int n, double alpha, double xmin) =>
        Enumerable.Range(0, n).Select(_ => xmin * Math.Pow(1 - random.NextDouble(), -1 / (alpha - 1))).ToArray();
}

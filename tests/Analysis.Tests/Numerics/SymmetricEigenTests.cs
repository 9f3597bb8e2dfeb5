using CapacityGrid.Analysis.Numerics;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Numerics;

public sealed class SymmetricEigenTests
{
    [Fact]
    public void Eigenvalues_DiagonalMatrix_ReturnsDiagonalInDescendingOrder()
    {
        double[] diagonal = [3, -1, 7, 0, 2.5];
        var n = diagonal.Length;
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            m[i * n + i] = diagonal[i];
        }

        var values = SymmetricEigen.Eigenvalues(m, n);

        // A diagonal matrix needs no rotation at all: the values come back exactly.
        Assert.Equal([7, 3, 2.5, 0, -1], values);
    }

    [Theory]
    [InlineData(2.0, 1.0, 3.0)]
    [InlineData(1.0, -4.0, 1.0)]
    [InlineData(1e-8, 1.0, -1e-8)]
    public void Eigenvalues_TwoByTwo_MatchesClosedForm(double a, double b, double c)
    {
        var mean = (a + c) / 2;
        var radius = Math.Sqrt((a - c) * (a - c) / 4 + b * b);

        var values = SymmetricEigen.Eigenvalues([a, b, b, c], 2);

        // A handful of roundings on numbers of order radius: 1e-14 relative is tight yet safe.
        Assert.Equal(mean + radius, values[0], 1e-14 * (1 + radius));
        Assert.Equal(mean - radius, values[1], 1e-14 * (1 + radius));
    }

    [Fact]
    public void Eigenvalues_RandomGram_KeepTraceAndFrobeniusNormAndAreNonNegative()
    {
        const int n = 80;
        var c = Generated.Gram(new Random(11), 60, n);   // rank 60 < 80: 20 eigenvalues are zero
        var trace = 0.0;
        var frobenius2 = 0.0;
        for (var i = 0; i < n; i++)
        {
            trace += c[i * n + i];
            for (var j = 0; j < n; j++)
            {
                frobenius2 += c[i * n + j] * c[i * n + j];
            }
        }

        var values = SymmetricEigen.Eigenvalues(c, n);

        // Backward-stable: errors of order n·eps·‖C‖, so 1e-10 relative leaves a wide margin.
        Assert.Equal(trace, values.Sum(), 1e-10 * trace);
        Assert.Equal(frobenius2, values.Sum(v => v * v), 1e-10 * frobenius2);
        Assert.All(values, v => Assert.True(v > -1e-10 * values[0], $"eigenvalue {v} is negative"));
        Assert.Equal(20, values.Count(v => Math.Abs(v) < 1e-10 * values[0]));
    }

    [Fact]
    public void Decompose_RandomSymmetric_ReconstructsMatrixWithOrthonormalVectors()
    {
        const int n = 50;
        var random = new Random(5);
        var g = Generated.Normal(random, n * n);
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                m[i * n + j] = g[i * n + j] + g[j * n + i];   // indefinite, so negative eigenvalues too
            }
        }

        var eig = SymmetricEigen.Decompose(m, n);

        var worstEntry = 0.0;
        var worstGram = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                var dot = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += eig.Vector(k)[i] * eig.Values[k] * eig.Vector(k)[j];
                    dot += eig.Vector(i)[k] * eig.Vector(j)[k];
                }
                worstEntry = Math.Max(worstEntry, Math.Abs(sum - m[i * n + j]));
                worstGram = Math.Max(worstGram, Math.Abs(dot - (i == j ? 1 : 0)));
            }
        }
        // Entries are of order 1-10 and ‖M‖ about 20: 1e-11 is some hundred times the rounding error.
        Assert.True(worstEntry < 1e-11, $"reconstruction error {worstEntry}");
        Assert.True(worstGram < 1e-12, $"VVᵀ differs from I by {worstGram}");
        Assert.True(eig.Values.SequenceEqual(eig.Values.OrderDescending()));
        Assert.Contains(eig.Values, v => v < 0);
    }

    [Fact]
    public void Eigenvalues_IdentityPlusRankOne_GivesRepeatedOnesAndOnePlusNormSquared()
    {
        const int n = 40;
        var u = Generated.Normal(new Random(3), n);
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                m[i * n + j] = (i == j ? 1 : 0) + u[i] * u[j];
            }
        }

        var values = SymmetricEigen.Eigenvalues(m, n);

        // A 39-fold eigenvalue is the classic hard case for deflation; still rounding-level accurate.
        Assert.Equal(1 + u.Sum(x => x * x), values[0], 1e-11 * values[0]);
        Assert.All(values.Skip(1), v => Assert.Equal(1.0, v, 1e-12 * values[0]));
    }
}

using CapacityGrid.Analysis.Measures.Layers;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Layers;

public sealed class DelveSaturationTests
{
    [Theory]
    [InlineData(new[] { 60.0, 30, 10 }, 3)]     // cum .6 .9: k0 = 2, .99 - .9 > .02 -> 3
    [InlineData(new[] { 60.0, 38, 2 }, 2)]      // cum .6 .98: k0 = 2, .99 - .98 <= .02 -> 2
    [InlineData(new[] { 97.5, 2, 0.5 }, 1)]     // cum .975: k0 = 1, .015 <= .02 -> 1
    [InlineData(new[] { 90.0, 9.5, 0.5 }, 2)]   // cum .9: k0 = 1, .09 > .02 -> 2
    [InlineData(new[] { 1.0, 0, 0 }, 1)]        // cum_1 = 1: k0 = 0 -> 1
    [InlineData(new[] { 0.0, 0, 0 }, 1)]        // no variance: 1, as Delve
    [InlineData(new[] { 10.0, 60, -1e-9, 30 }, 3)]   // unsorted, tiny negative clipped
    public void IntrinsicDimension_HandMadeSpectra_FollowsDelveRounding(double[] eigenvalues, int expected)
    {
        Assert.Equal(expected, DelveSaturation.IntrinsicDimension(eigenvalues));
    }

    [Theory]
    [InlineData(5, 32, 5)]
    [InlineData(20, 64, 20)]
    [InlineData(33, 64, 33)]
    [InlineData(40, 64, 39)]    // cum_39 = .975, .99 - .975 = .015 <= .02: Delve drops the 40th direction
    public void Of_IsotropicDataInKDimensionalSubspace_IsKOverWidthWithDelveRounding(int k, int width, int expectedId)
    {
        // ±u_j for an orthonormal basis u_1..u_k of a random subspace: mean 0, covariance exactly P/k.
        var basis = Generated.OrthonormalRows(new Random(61 + k), k, width);
        var data = new float[2 * k * width];
        for (var j = 0; j < k; j++)
        {
            for (var f = 0; f < width; f++)
            {
                data[(2 * j) * width + f] = (float)(3 * basis[j * width + f]);
                data[(2 * j + 1) * width + f] = (float)(-3 * basis[j * width + f]);
            }
        }
        var accumulator = new CovarianceAccumulator(width);
        accumulator.Add(data);

        var saturation = DelveSaturation.Of(accumulator);

        Assert.Equal(expectedId, saturation.IntrinsicDimension);
        Assert.Equal((double)expectedId / width, saturation.Saturation, 1e-15);
    }

    [Fact]
    public void Of_GaussianDataInSixDimensionalSubspace_IsSixOverWidth()
    {
        const int k = 6;
        const int width = 48;
        const int samples = 3000;
        var random = new Random(62);
        var basis = Generated.OrthonormalRows(random, k, width);
        var z = Generated.Normal(random, samples * k);
        var data = new float[samples * width];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < k; j++)
            {
                for (var f = 0; f < width; f++)
                {
                    data[s * width + f] += (float)(z[s * k + j] * basis[j * width + f] + 0.2);
                }
            }
        }
        var accumulator = new CovarianceAccumulator(width);
        for (var s = 0; s < samples; s += 128)
        {
            accumulator.Add(data.AsSpan(s * width, Math.Min(128, samples - s) * width));
        }

        var saturation = DelveSaturation.Of(accumulator);

        // Each direction holds about 1/6 of the variance (±5 % at n = 3000), far from the 2-point rule.
        Assert.Equal(6, saturation.IntrinsicDimension);
        Assert.Equal(6.0 / 48, saturation.Saturation, 1e-15);
        Assert.Equal(samples, saturation.Samples);
    }
}

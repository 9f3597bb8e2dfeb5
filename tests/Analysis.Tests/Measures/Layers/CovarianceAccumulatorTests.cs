using CapacityGrid.Analysis.Measures.Layers;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Layers;

public sealed class CovarianceAccumulatorTests
{
    private const int Width = 12;
    private const int Rows = 700;

    [Theory]
    [InlineData(new[] { 700 })]
    [InlineData(new[] { 1, 255, 1, 256, 187 })]
    [InlineData(new[] { 3, 97, 300, 300 })]
    public void Covariance_AnyBatchSplit_EqualsTwoPassBatchCovariance(int[] split)
    {
        var data = Activations(new Random(51));
        var expected = TwoPassCovariance(data);
        var accumulator = new CovarianceAccumulator(Width);

        var start = 0;
        foreach (var rows in split)
        {
            accumulator.Add(data.AsSpan(start * Width, rows * Width));
            start += rows;
        }
        var actual = accumulator.Covariance();

        // Entries are O(10); float64 sums of 700 products lose about 1e-13 relative.
        Assert.Equal(Rows, accumulator.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-10);
        }
    }

    [Fact]
    public void Covariance_LargeMeanSmallSpread_KeepsItsPrecision()
    {
        // Mean 1e4, covariance entries about 1e-6: a plain Σaaᵀ/n - μμᵀ subtracts numbers of order 1e8 and is
        // off by about 2e-8 here; with the shift the error stays below 1e-13 (1e-7 relative).
        var random = new Random(52);
        var data = Array.ConvertAll(Activations(random), v => 1e4f + 0.001f * v);
        var accumulator = new CovarianceAccumulator(Width);

        accumulator.Add(data);

        var expected = TwoPassCovariance(data);
        var actual = accumulator.Covariance();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-13);
        }
    }

    [Fact]
    public void Reset_ThenNewPass_ForgetsThePreviousPass()
    {
        var accumulator = new CovarianceAccumulator(Width);
        accumulator.Add(Array.ConvertAll(Activations(new Random(53)), v => 100 * v));
        var second = Activations(new Random(54));

        accumulator.Reset();
        accumulator.Add(second);

        Assert.Equal(Rows, accumulator.Count);
        Assert.Equal(TwoPassCovariance(second)[0], accumulator.Covariance()[0], 1e-10);
    }

    [Fact]
    public void AddChannels_ConvolutionOutput_TreatsEveryPositionAsAnObservation()
    {
        const int samples = 5;
        const int channels = 3;
        const int positions = 70;   // 350 observations: crosses the 256-observation chunk
        var nchw = Generated.NormalFloats(new Random(55), samples * channels * positions);
        var rows = new float[samples * positions * channels];
        for (var b = 0; b < samples; b++)
        {
            for (var c = 0; c < channels; c++)
            {
                for (var p = 0; p < positions; p++)
                {
                    rows[(b * positions + p) * channels + c] = nchw[(b * channels + c) * positions + p];
                }
            }
        }
        var byChannels = new CovarianceAccumulator(channels);
        var byRows = new CovarianceAccumulator(channels);

        byChannels.AddChannels(nchw, samples);
        byRows.Add(rows);

        Assert.Equal(samples * positions, byChannels.Count);
        var a = byChannels.Covariance();
        var b2 = byRows.Covariance();
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(b2[i], a[i], 1e-12);
        }
    }

    [Fact]
    public void Covariance_BeforeAnyObservation_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new CovarianceAccumulator(3).Covariance());
    }

    // Correlated features with unequal scales and a nonzero mean.
    private static float[] Activations(Random random)
    {
        var z = Generated.Normal(random, Rows * Width);
        var data = new float[Rows * Width];
        for (var r = 0; r < Rows; r++)
        {
            for (var f = 0; f < Width; f++)
            {
                var mixed = z[r * Width + f] * (1 + f) + (f > 0 ? z[r * Width + f - 1] : 0);
                data[r * Width + f] = (float)(mixed + 0.5 * f);
            }
        }
        return data;
    }

    private static double[] TwoPassCovariance(float[] data)
    {
        var rows = data.Length / Width;
        var mean = new double[Width];
        for (var r = 0; r < rows; r++)
        {
            for (var f = 0; f < Width; f++)
            {
                mean[f] += data[r * Width + f] / (double)rows;
            }
        }
        var q = new double[Width * Width];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < Width; i++)
            {
                for (var j = 0; j < Width; j++)
                {
                    q[i * Width + j] += (data[r * Width + i] - mean[i]) * (data[r * Width + j] - mean[j]) / rows;
                }
            }
        }
        return q;
    }
}

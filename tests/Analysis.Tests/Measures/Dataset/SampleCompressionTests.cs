using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Dataset;

public sealed class SampleCompressionTests
{
    [Fact]
    public void Measure_ImageLikeData_ZstdAndBrotliBeatDeflate()
    {
        var images = Synthetic.Images(600, seed: 1);

        var bits = SampleCompression.Measure(images, TestContext.Current.CancellationToken);

        Assert.True(bits.Zstd < bits.Deflate, $"zstd {bits.Zstd:F1} vs deflate {bits.Deflate:F1} bits per sample");
        Assert.True(bits.Brotli < bits.Deflate, $"brotli {bits.Brotli:F1} vs deflate {bits.Deflate:F1} bits per sample");
        Assert.Equal(Math.Min(bits.Zstd, bits.Brotli), bits.Best);
    }

    [Fact]
    public void Measure_ImageLikeData_StaysBelowTheRawEightBitsPerPixel()
    {
        var images = Synthetic.Images(600, seed: 2);

        var bits = SampleCompression.Measure(images, TestContext.Current.CancellationToken);

        Assert.True(bits.RawBytes);
        Assert.InRange(bits.Deflate, 1, 8.0 * 784);
    }

    [Fact]
    public void Measure_RandomBytes_CannotCompressBelowTheirEntropy()
    {
        // Uniform random bytes hold 8 bits each; no lossless code can go below that.
        var random = new Random(3);
        var features = Enumerable.Range(0, 300 * 100).Select(_ => (float)random.Next(256)).ToArray();
        var data = new TabularData(features, 300, 100, new int[300], 1);

        var bits = SampleCompression.Measure(data, TestContext.Current.CancellationToken);

        Assert.True(bits.Best >= 800, $"best {bits.Best:F1} bits per sample of 800 random bits");
    }

    [Fact]
    public void Measure_ConstantData_CompressesToAlmostNothing()
    {
        var data = new TabularData(new float[1000 * 100], 1000, 100, new int[1000], 1);

        var bits = SampleCompression.Measure(data, TestContext.Current.CancellationToken);

        Assert.True(bits.Best < 1, $"best {bits.Best:F3} bits per sample of constant data");
    }

    [Fact]
    public void Measure_ImageLikeData_BestNamesTheSmallestCompressor()
    {
        var images = Synthetic.Images(300, seed: 4);

        var bits = SampleCompression.Measure(images, TestContext.Current.CancellationToken);

        var expected = new[] { ("deflate", bits.Deflate), ("brotli", bits.Brotli), ("zstd", bits.Zstd) }.MinBy(c => c.Item2).Item1;
        Assert.Equal(expected, bits.BestCompressor);
    }

    [Fact]
    public void ToBytes_PixelValues_AreCopiedRaw()
    {
        var data = Synthetic.Table([[0f, 17f, 255f], [3f, 4f, 5f]], [0, 0], 1);

        var bytes = ByteQuantizer.ToBytes(data);

        Assert.True(bytes.Raw);
        Assert.Equal(new byte[] { 0, 17, 255, 3, 4, 5 }, bytes.Bytes);
    }

    [Fact]
    public void ToBytes_RealValues_AreQuantizedPerColumnOnItsRange()
    {
        // Column 0 on [-1, 1], column 1 on [0, 0.5], column 2 constant.
        var data = Synthetic.Table([[-1f, 0f, 9f], [0f, 0.25f, 9f], [1f, 0.5f, 9f]], [0, 0, 0], 1);

        var bytes = ByteQuantizer.ToBytes(data);

        Assert.False(bytes.Raw);
        Assert.Equal(new byte[] { 0, 0, 0, 128, 128, 0, 255, 255, 0 }, bytes.Bytes);
    }

    [Fact]
    public void Measure_InfiniteFeature_ThrowsNamingSampleAndFeature()
    {
        var data = Synthetic.Table([[1f, 2f], [3f, 4f], [float.PositiveInfinity, 0f]], [0, 0, 0], 1);

        var error = Assert.Throws<ArgumentException>(() => SampleCompression.Measure(data, TestContext.Current.CancellationToken));

        Assert.Contains("feature 0 of sample 2", error.Message);
    }
}

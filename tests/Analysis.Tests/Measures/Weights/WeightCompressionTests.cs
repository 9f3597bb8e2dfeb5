using CapacityGrid.Analysis.Measures.Weights;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Weights;

public sealed class WeightCompressionTests
{
    [Fact]
    public void Measure_UniformWeights_CannotBeatTheirEntropy()
    {
        var random = new Random(31);
        var values = Enumerable.Range(0, 100_000).Select(_ => (float)random.NextDouble()).ToArray();
        var entropyBits = WeightEntropy.TotalBits(new WeightMatrix("u", 100, 1000, values));

        var size = WeightCompression.Measure(values);

        // Independent symbols: no lossless code beats the empirical entropy (~7.998 bits/weight) by more
        // than a few bits; the compressors add a little framing on top.
        Assert.InRange(size.BestBits, entropyBits - 64, 1.02 * entropyBits);
    }

    [Fact]
    public void Measure_FourLevelWeights_NeedAboutTwoBitsPerWeight()
    {
        var random = new Random(32);
        float[] levels = [-1f, -1f / 3, 1f / 3, 1f];
        var values = Enumerable.Range(0, 50_000).Select(_ => levels[random.Next(4)]).ToArray();

        var size = WeightCompression.Measure(values);

        // Entropy is 2 bits (four equiprobable codes); Huffman-based coders reach it within ~5 %.
        Assert.InRange(size.BestBits / 50_000.0, 1.99, 2.1);
        Assert.True(size.BrotliBits <= size.DeflateBits * 1.05);
    }

    [Fact]
    public void Measure_ConstantWeights_CompressToAlmostNothing()
    {
        var size = WeightCompression.Measure(Enumerable.Repeat(0.25f, 10_000).ToArray());

        Assert.True(size.BestBits < 500, $"{size.BestBits} bits for 10,000 equal weights");
    }

    [Fact]
    public void Quantize_MaximumAndMinimum_LandInTheEndBins()
    {
        var codes = WeightEntropy.Quantize([-2f, 0f, 2f, 1.99f], bins: 4);

        Assert.Equal([0, 2, 3, 3], codes);
    }
}

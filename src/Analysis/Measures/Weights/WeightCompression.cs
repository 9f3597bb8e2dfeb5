using System.IO.Compression;

namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// Compressed weight size (MEASURES.md, "compressed weight size"): the weights quantized as in
/// <see cref="WeightEntropy.Quantize"/>, one byte per code (two, little-endian, above 256 levels),
/// compressed losslessly. An upper bound on the bits the quantized weights hold, as the Deep Compression
/// pipeline (Han, Mao &amp; Dally 2016) uses Huffman coding of quantized weights.
/// </summary>
/// <remarks>
/// The bound leaves out the two floats of the quantization range (64 bits) and counts the compressors'
/// own framing, which matters only for tiny layers.
/// </remarks>
public static class WeightCompression
{
    /// <summary>Compressed sizes of <paramref name="values"/> quantized to <paramref name="bins"/> levels.</summary>
    public static CompressedSize Measure(ReadOnlySpan<float> values, int bins = WeightEntropy.DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, 65536);
        var bytes = Pack(WeightEntropy.Quantize(values, bins), bins);
        return new CompressedSize(8L * DeflateLength(bytes), 8L * BrotliLength(bytes));
    }

    private static byte[] Pack(int[] codes, int bins)
    {
        if (bins <= 256)
        {
            return Array.ConvertAll(codes, c => (byte)c);
        }
        var bytes = new byte[2 * codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            bytes[2 * i] = (byte)codes[i];
            bytes[2 * i + 1] = (byte)(codes[i] >> 8);
        }
        return bytes;
    }

    private static long DeflateLength(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(bytes);
        }
        return output.Length;
    }

    private static long BrotliLength(byte[] bytes)
    {
        var destination = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        if (!BrotliEncoder.TryCompress(bytes, destination, out var written, quality: 11, window: 24))
        {
            throw new InvalidOperationException("brotli could not compress into its own worst-case bound");
        }
        return written;
    }
}

using System.Buffers;
using System.IO.Compression;
using CapacityGrid.Analysis.Data;
using ZstdSharp;

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Compression bound (MEASURES.md, "Dataset"): the size in bits of the losslessly compressed quantized
/// samples, divided by the number of samples. A compressed file is a description of the data, so its length
/// bounds the data's information content from above - the practical, computable side of Kolmogorov
/// complexity (Li and Vitányi, "An Introduction to Kolmogorov Complexity", ch. 2; Cilibrasi and
/// Vitányi 2005 use real compressors the same way).
/// </summary>
/// <remarks>
/// The bytes (<see cref="ByteQuantizer"/>) are compressed in chunks of at most <see cref="ChunkBytes"/>,
/// cut at sample boundaries, each chunk on its own and all chunks and compressors in parallel. The sum of
/// the chunk sizes is still a lossless code, so still an upper bound. Brotli at quality 11 runs at about
/// 0.4 MB/s on one core, so a 47 MB Fashion-MNIST-sized set as one stream would take two minutes on a
/// single core; in 8 MiB chunks the work spreads over the cores. The cut costs little: on 20,000
/// synthetic 28 x 28 images brotli gave 2,302 bits per sample as one 16 MiB stream and 2,264 as two 8 MiB
/// chunks, zstd 2,776 and 2,778. Data under 8 MiB (10,700 samples of 784 bytes) is one stream.
/// </remarks>
public static class SampleCompression
{
    /// <summary>The largest piece compressed as one stream: 2^23 bytes, half brotli's window.</summary>
    public const int ChunkBytes = 1 << 23;

    private const int BrotliQuality = 11;
    private const int BrotliWindowBits = 24;

    /// <summary>Bits per sample after deflate, brotli and zstd, and the best of them.</summary>
    /// <exception cref="ArgumentException">A feature value is NaN or infinite, or the shape is inconsistent.</exception>
    public static CompressedBitsPerSample Measure(TabularData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var quantized = ByteQuantizer.ToBytes(data);
        var samplesPerChunk = Math.Max(1, ChunkBytes / data.FeatureCount);
        var chunkLength = samplesPerChunk * data.FeatureCount;
        var chunks = (quantized.Bytes.Length + chunkLength - 1) / chunkLength;
        // Slowest first, so no core waits alone on a brotli chunk at the end.
        Func<ReadOnlySpan<byte>, long>[] compressors = [BrotliLength, ZstdLength, DeflateLength];
        var totals = new long[compressors.Length];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, compressors.Length * chunks, options, item =>
        {
            var compressor = item / chunks;
            var start = item % chunks * chunkLength;
            var length = Math.Min(chunkLength, quantized.Bytes.Length - start);
            Interlocked.Add(ref totals[compressor], compressors[compressor](quantized.Bytes.AsSpan(start, length)));
        });
        double BitsPerSample(long bytes) => 8.0 * bytes / data.Samples;
        return new CompressedBitsPerSample(
            Deflate: BitsPerSample(totals[2]), Brotli: BitsPerSample(totals[0]), Zstd: BitsPerSample(totals[1]), quantized.Raw);
    }

    /// <summary>Length in bytes of raw deflate (no gzip header) at <see cref="CompressionLevel.SmallestSize"/>.</summary>
    public static long DeflateLength(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(bytes);
        }
        return output.Length;
    }

    /// <summary>Length in bytes of brotli at quality 11, window 2^24.</summary>
    public static long BrotliLength(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(bytes.Length));
        try
        {
            using var encoder = new BrotliEncoder(BrotliQuality, BrotliWindowBits);
            var status = encoder.Compress(bytes, buffer, out _, out var written, isFinalBlock: true);
            if (status != OperationStatus.Done)
            {
                throw new InvalidOperationException($"brotli stopped with {status}");
            }
            return written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Length in bytes of a zstd frame at the maximum compression level.</summary>
    public static long ZstdLength(ReadOnlySpan<byte> bytes)
    {
        using var compressor = new Compressor(Compressor.MaxCompressionLevel);
        return compressor.Wrap(bytes).Length;
    }
}

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Lossless-compressed size of the quantized samples, in bits per sample, for each compressor.
/// </summary>
/// <param name="Deflate">Deflate (the gzip/zlib algorithm) at its smallest-size setting.</param>
/// <param name="Brotli">Brotli, quality 11, window 2^24.</param>
/// <param name="Zstd">Zstandard at its maximum level (22).</param>
/// <param name="RawBytes">True when the features were bytes already and compressed unchanged (see <see cref="ByteQuantizer"/>).</param>
public sealed record CompressedBitsPerSample(double Deflate, double Brotli, double Zstd, bool RawBytes)
{
    /// <summary>The smallest of the three: the tightest upper bound on information per sample we have.</summary>
    public double Best => Math.Min(Deflate, Math.Min(Brotli, Zstd));

    /// <summary>Which compressor gave <see cref="Best"/>: "deflate", "brotli" or "zstd".</summary>
    public string BestCompressor => Best == Zstd ? "zstd" : Best == Brotli ? "brotli" : "deflate";
}

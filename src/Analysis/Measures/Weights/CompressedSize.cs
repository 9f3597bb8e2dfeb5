namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>Sizes in bits of the same quantized weights after each lossless compressor.</summary>
/// <param name="DeflateBits">Raw deflate stream (no zlib or gzip header) at the smallest-size level.</param>
/// <param name="BrotliBits">Brotli at quality 11, window 2^24.</param>
public sealed record CompressedSize(long DeflateBits, long BrotliBits)
{
    /// <summary>The smaller of the two: the tighter upper bound.</summary>
    public long BestBits => Math.Min(DeflateBits, BrotliBits);
}

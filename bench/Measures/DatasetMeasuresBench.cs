using System.Diagnostics;
using CapacityGrid.Analysis.Data.Idx;
using CapacityGrid.Analysis.Measures.Dataset;

namespace CapacityGrid.Bench.Measures;

/// <summary>
/// Every default dataset measure (<see cref="DatasetMeasurer"/>) on the 60,000 Fashion-MNIST training images
/// (target: at most 120 s on 2 cores), with the compression bound and the neighbour search also timed alone to
/// show where the time goes.
/// </summary>
public static class DatasetMeasuresBench
{
    /// <summary>Measures and writes the timings and values to <paramref name="output"/>.</summary>
    public static void Run(TextWriter output)
    {
        var (train, _) = IdxReader.LoadFolder(SaturationCostBench.FashionMnist);
        output.WriteLine($"dataset measures: Fashion-MNIST train, {train.Samples} x {train.FeatureCount}, {Environment.ProcessorCount} cores");

        // CPU time too: on a shared machine wall time swings with the load; CPU time / cores is what an idle machine would take at best.
        var watch = Stopwatch.StartNew();
        var cpu = Cpu();
        var measures = new DatasetMeasurer().Measure(train);
        output.WriteLine($"  all default measures: {watch.Elapsed.TotalSeconds:F1} s wall, {(Cpu() - cpu).TotalSeconds:F1} s CPU");
        output.WriteLine($"  H(Y) {measures.LabelEntropyBits:F4} bits; feature entropy {measures.FeatureEntropyBitsPerSample:F0} bits/sample");
        var c = measures.CompressedBitsPerSample;
        output.WriteLine($"  compression bits/sample: deflate {c.Deflate:F0}, brotli {c.Brotli:F0}, zstd {c.Zstd:F0} (best {c.BestCompressor})");
        output.WriteLine($"  TwoNN {measures.IntrinsicDimension.TwoNN:F2}, MLE {measures.IntrinsicDimension.Mle:F2} on {measures.IntrinsicDimension.SamplesUsed} rows; KSG I(X;Y) {measures.MutualInformation.KsgBits:F3} bits");

        var bytes = ByteQuantizer.ToBytes(train).Bytes.AsSpan(0, SampleCompression.ChunkBytes / train.FeatureCount * train.FeatureCount).ToArray();
        foreach (var (name, compress) in new (string, Func<byte[], long>)[]
        {
            ("brotli", b => SampleCompression.BrotliLength(b)),
            ("zstd", b => SampleCompression.ZstdLength(b)),
            ("deflate", b => SampleCompression.DeflateLength(b)),
        })
        {
            cpu = Cpu();
            compress(bytes);
            output.WriteLine($"  {name} on one {bytes.Length / 1e6:F1} MB chunk: {(Cpu() - cpu).TotalSeconds:F1} s CPU");
        }
        watch.Restart();
        cpu = Cpu();
        var rows = 10_000;
        var points = train.Features.AsSpan(0, rows * train.FeatureCount).ToArray();
        NearestNeighbours.Find(points, train.FeatureCount, 20);
        output.WriteLine($"  nearest neighbours (k = 20) of {rows} rows alone: {watch.Elapsed.TotalSeconds:F1} s wall, {(Cpu() - cpu).TotalSeconds:F1} s CPU");
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
}

using System.Globalization;
using System.IO.Compression;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Data.Csv;
using CapacityGrid.Analysis.Data.Idx;

namespace CapacityGrid.Bench;

/// <summary>
/// How fast datasets load, against a baseline measured in the same run: plain gzip decompression of the same
/// files, the least any reader of them must do. Budget: the 60,000 Fashion-MNIST training images in under 2 s.
/// Arguments: [fashion-mnist folder] [scikit-learn data folder].
/// </summary>
public static class DatasetsBenchmark
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <summary>Runs the benchmark; 0 when the budget holds, 1 when it does not, 2 when the data is missing.</summary>
    public static int Run(string[] args)
    {
        var idx = args.Length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist";
        var sklearn = args.Length > 1 ? args[1] : "/usr/lib/python3/dist-packages/sklearn/datasets/data";
        var trainFiles = new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz" }.Select(f => Path.Combine(idx, f)).ToArray();
        if (!trainFiles.All(File.Exists))
        {
            Console.Error.WriteLine($"datasets: {idx} lacks the gzipped Fashion-MNIST files (apt-get install dataset-fashion-mnist)");
            return 2;
        }
        var allFiles = Directory.GetFiles(idx, "*-ubyte.gz");

        Console.WriteLine($"datasets benchmark, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}");
        Console.WriteLine("each case alternates with its baseline: 2 warm-up rounds, then 7 measured; ratio = median / baseline median");
        Console.WriteLine();
        Console.WriteLine($"{"case",-56} {"median ms",10} {"min ms",8} {"baseline ms",12} {"ratio",6}");

        var readTrain = Report("IdxReader.ReadImages + ReadLabels, train (60,000)", "gunzip the two train files", () => Gunzip(trainFiles), () =>
        {
            IdxReader.ReadImages(trainFiles[0]);
            IdxReader.ReadLabels(trainFiles[1]);
        });
        var loadFolder = Report("IdxReader.LoadFolder: train + test as [0,1] floats", "gunzip all four files", () => Gunzip(allFiles), () => IdxReader.LoadFolder(idx));
        Report("LoadFolder + 10% validation + standardise (silo path)", "gunzip all four files", () => Gunzip(allFiles), () =>
        {
            var (train, test) = IdxReader.LoadFolder(idx);
            new DataSplit(train, test, "bench").WithValidation(0.1, 1).Standardised();
        });
        var digits = Path.Combine(sklearn, "digits.csv.gz");
        if (File.Exists(digits))
        {
            Report("CsvReader.Load digits.csv.gz (1797 x 64)", "gunzip digits.csv.gz", () => Gunzip([digits]), () => CsvReader.Load(digits));
        }

        var ok = readTrain < Budget && loadFolder < Budget;
        Console.WriteLine();
        Console.WriteLine($"budget: 60,000 training images in under {Budget.TotalSeconds:F0} s: {(ok ? "met" : "MISSED")} (train read {Timing.Ms(readTrain)} ms, train + test {Timing.Ms(loadFolder)} ms)");
        return ok ? 0 : 1;
    }

    private static TimeSpan Report(string name, string baselineName, Action baseline, Action candidate)
    {
        var (b, c) = Timing.Compare(baseline, candidate);
        var ratio = (c.Median / b.Median).ToString("F2", CultureInfo.InvariantCulture);
        Console.WriteLine($"{name,-56} {Timing.Ms(c.Median),10} {Timing.Ms(c.Fastest),8} {Timing.Ms(b.Median),12} {ratio,6}");
        Console.WriteLine($"  baseline: {baselineName}");
        return c.Median;
    }

    private static long Gunzip(string[] files)
    {
        var total = 0L;
        foreach (var file in files)
        {
            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gzip.CopyTo(memory);
            total += memory.Length;
        }
        return total;
    }
}

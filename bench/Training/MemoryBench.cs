using System.Diagnostics;
using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Bench.Training;

/// <summary>
/// Peak resident memory of one trainer: the 784-256-256-10 MLP trained by <see cref="ClassifierTrainer.Train"/> for one
/// epoch (batch 128, Adam) on random data of Fashion-MNIST's size (60,000 training and 10,000 test rows of 784
/// floats, 219 MB as float32), with the process's peak RSS (VmHWM in /proc/self/status) read before and after.
/// VmHWM covers the whole process, so run this benchmark alone (or first) for a clean number; it first tries to
/// reset the peak to the current RSS (writing 5 to /proc/self/clear_refs) and says whether that worked.
/// </summary>
public static class MemoryBench
{
    private const int TrainRows = 60_000;
    private const int TestRows = 10_000;

    /// <summary>Trains once and writes the memory figures to <paramref name="output"/>.</summary>
    public static void Run(TextWriter output)
    {
        var reset = ResetPeak();
        var atStart = Status();
        var data = new DataSplit(
            new RandomLabelsDataset(784, 10, TrainRows, Seed: 1).Generate(),
            new RandomLabelsDataset(784, 10, TestRows, Seed: 2).Generate(),
            "random");
        var withData = Status();
        var spec = new MlpSpec(784, [256, 256], 10);
        var watch = Stopwatch.StartNew();
        ClassifierTrainer.Train(data, spec, new TrainOptions(Epochs: 1, BatchSize: 128, Device: DeviceKind.Cpu), _ => { });
        var afterTraining = Status();

        output.WriteLine($"memory: one ClassifierTrainer.Train epoch of {spec} ({spec.ParameterCount} parameters), batch 128, Adam, {TrainRows} + {TestRows} random rows x 784, {Environment.ProcessorCount} cores");
        output.WriteLine($"  peak reset at start: {(reset ? "yes" : "no (the peak includes whatever ran before in this process)")}");
        output.WriteLine($"  data as float32 arrays: {Mib((TrainRows + TestRows) * 784L * sizeof(float))} MiB");
        output.WriteLine($"  at start:       RSS {Mib(atStart.Rss)} MiB, peak {Mib(atStart.Peak)} MiB");
        output.WriteLine($"  data generated: RSS {Mib(withData.Rss)} MiB, peak {Mib(withData.Peak)} MiB");
        output.WriteLine($"  after training ({watch.Elapsed.TotalSeconds:F1} s): RSS {Mib(afterTraining.Rss)} MiB, peak (VmHWM) {Mib(afterTraining.Peak)} MiB");
        output.WriteLine($"  the trainer's own peak, above the data it was given: {Mib(afterTraining.Peak - withData.Rss)} MiB");
        output.WriteLine($"  managed heap now: {Mib(GC.GetTotalMemory(forceFullCollection: false))} MiB");
    }

    // Linux resets VmHWM to the current RSS when "5" is written to clear_refs (proc(5)); not every kernel allows it.
    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // VmRSS and VmHWM of this process, in bytes.
    private static (long Rss, long Peak) Status()
    {
        var lines = File.ReadAllLines("/proc/self/status");
        return (Kilobytes(lines, "VmRSS:") * 1024, Kilobytes(lines, "VmHWM:") * 1024);
    }

    private static long Kilobytes(string[] lines, string key)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"/proc/self/status has no {key} line");
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using CapacityGrid.Analysis.Data.Idx;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Bench.Measures;

/// <summary>
/// What tracking layer saturation every epoch costs, as a share of training time, on the 784-256-256-10 MLP
/// and the 60,000 Fashion-MNIST training images (target: at most 10 %). Each epoch's checkpoint is loaded into
/// a model and probed (saturation only) on every training row and on fixed subsamples; the heavier full probe
/// (TwoNN, binned and Rényi information too) is timed alongside for the information plane.
/// </summary>
public static class SaturationCostBench
{
    /// <summary>Where the Debian package dataset-fashion-mnist puts the IDX files.</summary>
    public const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    private const int Epochs = 3;

    /// <summary>Trains, probes after each epoch and writes the timings and ratios to <paramref name="output"/>.</summary>
    public static void Run(TextWriter output)
    {
        var (train, test) = IdxReader.LoadFolder(FashionMnist);
        var data = new DataSplit(train, test, "fashion-mnist").Standardised();
        var spec = new MlpSpec(784, [256, 256], 10);
        var options = new TrainOptions(Epochs, BatchSize: 128, Seed: 1);
        (string Name, LayerProbe Probe)[] probes =
        [
            ("saturation, all 60,000 rows", new LayerProbe(spec, new LayerProbeOptions { Measures = LayerMeasures.Saturation })),
            ("saturation, 8,192-row subsample", new LayerProbe(spec, new LayerProbeOptions { Measures = LayerMeasures.Saturation, SaturationSamples = 8192 })),
            ("saturation, 4,096-row subsample", new LayerProbe(spec, new LayerProbeOptions { Measures = LayerMeasures.Saturation, SaturationSamples = 4096 })),
            ("full probe, 4,096 + 2,000 + 500 rows", new LayerProbe(spec, new LayerProbeOptions { SaturationSamples = 4096 })),
        ];
        var probeTime = new TimeSpan[probes.Length];
        var probeCpu = new TimeSpan[probes.Length];
        var loadTime = TimeSpan.Zero;
        var trainTime = TimeSpan.Zero;
        // CPU time too: on a shared machine wall time swings with the load, the process's CPU time much less.
        var trainCpu = TimeSpan.Zero;
        var lastCpu = Cpu();
        output.WriteLine($"saturation cost: {spec.InputDim}-{string.Join("-", spec.Hidden)}-{spec.Classes} MLP, {train.Samples} training rows, batch {options.BatchSize}, {Epochs} epochs, {Environment.ProcessorCount} cores");
        ClassifierTrainer.Train(data, spec, options, epoch =>
        {
            trainTime += epoch.Duration;
            trainCpu += Cpu() - lastCpu;
            var watch = Stopwatch.StartNew();
            using var model = new Mlp(spec);
            Checkpoints.LoadWeights(model, epoch.Checkpoint);
            loadTime += watch.Elapsed;
            var line = $"  epoch {epoch.Epoch}: {epoch.Duration.TotalSeconds:F2} s training (test acc {epoch.TestAccuracy:F3})";
            for (var p = 0; p < probes.Length; p++)
            {
                watch.Restart();
                var cpu = Cpu();
                var report = probes[p].Probe.Probe(model, data.Train);
                probeTime[p] += watch.Elapsed;
                probeCpu[p] += Cpu() - cpu;
                line += $"; {probes[p].Name}: {watch.Elapsed.TotalSeconds:F2} s = {watch.Elapsed / epoch.Duration:P1}, saturation {string.Join("/", report.Layers.Select(l => l.Saturation?.ToString("F3")))}";
            }
            output.WriteLine(line);
            lastCpu = Cpu();
        });
        output.WriteLine("  (on a shared machine the least loaded epoch - the fastest - is the best guide; the totals below mix all of them)");
        output.WriteLine($"  training {trainTime.TotalSeconds:F1} s wall, {trainCpu.TotalSeconds:F1} s CPU (an epoch includes ClassifierTrainer's evaluation of train and test); loading checkpoints {loadTime.TotalSeconds:F2} s");
        for (var p = 0; p < probes.Length; p++)
        {
            output.WriteLine($"  {probes[p].Name}: {probeTime[p].TotalSeconds:F2} s wall = {probeTime[p] / trainTime:P1} of training, {probeCpu[p].TotalSeconds:F2} s CPU = {probeCpu[p] / trainCpu:P1}");
        }
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
}

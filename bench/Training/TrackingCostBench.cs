using System.Diagnostics;
using CapacityGrid.Analysis.Data.Idx;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Bench.Training;

/// <summary>
/// What per-epoch saturation tracking (accumulated during the trainer's own evaluation passes) adds to an epoch
/// of the 784-256-256-10 MLP on the 60,000 Fashion-MNIST training images (target: at most 10 %). Settings run
/// interleaved, round after round, and each keeps its best epoch, so load on a shared machine hurts them alike.
/// </summary>
public static class TrackingCostBench
{
    private const int Rounds = 3;

    /// <summary>Runs the rounds and prints each setting's best epoch and its cost over plain training.</summary>
    public static void Run(TextWriter output)
    {
        var (train, test) = IdxReader.LoadFolder("/usr/share/datasets/fashion-mnist");
        var data = new DataSplit(train, test, "fashion-mnist").Standardised();
        var spec = new MlpSpec(784, [256, 256], 10);
        var options = new TrainOptions(Epochs: 1, BatchSize: 128, Seed: 1);
        (string Name, LayerTracking? Tracking)[] settings =
        [
            ("no tracking", null),
            ("saturation, 2,048 rows per part (the grid's)", new LayerTracking(SaturationSamples: 2048)),
            ("saturation, 4,096 rows per part", new LayerTracking(SaturationSamples: 4096)),
            ("saturation, every row", new LayerTracking()),
        ];
        var best = settings.Select(_ => TimeSpan.MaxValue).ToArray();
        output.WriteLine($"tracking cost: 784-256-256-10, {train.Samples} training rows, batch 128, best of {Rounds} epochs per setting, {Environment.ProcessorCount} cores");
        for (var round = 0; round < Rounds; round++)
        {
            for (var s = 0; s < settings.Length; s++)
            {
                var watch = Stopwatch.StartNew();
                ClassifierTrainer.Train(data, spec, options, _ => { }, layers: settings[s].Tracking);
                best[s] = TimeSpan.FromTicks(Math.Min(best[s].Ticks, watch.Elapsed.Ticks));
            }
        }
        for (var s = 0; s < settings.Length; s++)
        {
            var cost = best[s].TotalSeconds / best[0].TotalSeconds - 1;
            output.WriteLine($"  {settings[s].Name,-48} {best[s].TotalSeconds,6:F2} s   {(s == 0 ? "baseline" : $"+{cost:P1}")}");
        }
    }
}

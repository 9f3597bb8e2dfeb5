using System.Text.Json;
using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Datasets;

namespace CapacityGrid.Bench.Sizing;

/// <summary>
/// <c>sizing-bottleneck [tuning|held-out|held-out-3|wide-input|held-out-wide|all] [name filter]</c>: for binding teachers, whose planted bottleneck is known,
/// trains only the probe pair `recommend` plans for the sizing grid (uniform widths 4-128 x the teacher's depth x 2 seeds, 15 epochs)
/// and prints one JSON line per teacher: the planted layer, the layer <see cref="TwoWidthSizer"/> names, the input's
/// saturation dimension and every per-layer measure of both probes, from which docs/sizing.md compares bottleneck rules.
/// No grid is trained (the budget is the grid's planned multiply-adds), so a teacher costs seconds.
/// </summary>
internal static class BottleneckBench
{
    private static readonly int[] Widths = [4, 8, 16, 32, 64, 128];
    private const int Epochs = 15;
    private const int GridSeeds = 2;

    // "tuning": the binding teachers of `bench sizing` (all splits), every one of them seen before a bottleneck rule
    // was chosen on them. "held-out": drawn for this bench before any rule was chosen, first trained after it was committed.
    private static readonly (string Name, string Split, int Input, int[] Hidden, int Classes, int Seed)[] Teachers =
    [
        ("teacher 16-32-8-4", "tuning", 16, [32, 8], 4, 7),
        ("teacher 12-8-32-8", "tuning", 12, [8, 32], 8, 3),
        ("teacher 20-24-6-6", "tuning", 20, [24, 6], 6, 5),
        ("teacher 10-4-16-5", "tuning", 10, [4, 16], 5, 2),
        ("teacher 24-12-40-6", "tuning", 24, [12, 40], 6, 11),
        ("teacher 14-6-24-5", "tuning", 14, [6, 24], 5, 21),
        ("teacher 18-28-10-7", "tuning", 18, [28, 10], 7, 13),
        ("teacher 22-16-4-3", "tuning", 22, [16, 4], 3, 17),
        ("teacher 12-10-20-4", "tuning", 12, [10, 20], 4, 29),
        ("teacher 16-12-24-6", "tuning", 16, [12, 24], 6, 41),
        ("teacher 20-32-12-5", "tuning", 20, [32, 12], 5, 43),
        ("teacher 10-20-6-4", "tuning", 10, [20, 6], 4, 47),
        ("teacher 26-8-30-6", "tuning", 26, [8, 30], 6, 53),
        ("teacher 8-5-16-3", "tuning", 8, [5, 16], 3, 59),
        ("teacher 18-6-20-5", "held-out", 18, [6, 20], 5, 61),
        ("teacher 14-24-8-4", "held-out", 14, [24, 8], 4, 67),
        ("teacher 24-10-32-7", "held-out", 24, [10, 32], 7, 71),
        ("teacher 12-16-5-4", "held-out", 12, [16, 5], 4, 73),
        ("teacher 20-7-28-6", "held-out", 20, [7, 28], 6, 79),
        ("teacher 16-20-6-3", "held-out", 16, [20, 6], 3, 83),
        ("teacher 30-9-24-8", "held-out", 30, [9, 24], 8, 89),
        ("teacher 10-12-4-4", "held-out", 10, [12, 4], 4, 97),
        // "held-out-3": three hidden layers (the probes too), the planted layer in any position; drawn after the rule was committed.
        ("teacher 12-40-5-40-8", "held-out-3", 12, [40, 5, 40], 8, 3),
        ("teacher 16-24-6-24-5", "held-out-3", 16, [24, 6, 24], 5, 101),
        ("teacher 14-8-24-24-6", "held-out-3", 14, [8, 24, 24], 6, 103),
        ("teacher 20-24-24-6-4", "held-out-3", 20, [24, 24, 6], 4, 107),
        ("teacher 18-30-7-20-6", "held-out-3", 18, [30, 7, 20], 6, 109),
        ("teacher 22-9-28-28-5", "held-out-3", 22, [9, 28, 28], 5, 113),
        // "wide-input": more inputs than the probes' width, where the first layer discards much of its input by
        // construction; drawn after the rule was committed, to test that suspicion, then tuning data for the CKA ceiling.
        ("teacher 64-32-6-5", "wide-input", 64, [32, 6], 5, 127),
        ("teacher 100-24-8-4", "wide-input", 100, [24, 8], 4, 131),
        ("teacher 64-8-32-6", "wide-input", 64, [8, 32], 6, 137),
        ("teacher 100-10-40-5", "wide-input", 100, [10, 40], 5, 139),
        // "held-out-wide": more inputs than the probes' width again, drawn after the CKA ceiling was committed.
        ("teacher 48-24-6-4", "held-out-wide", 48, [24, 6], 4, 149),
        ("teacher 80-8-24-5", "held-out-wide", 80, [8, 24], 5, 151),
        ("teacher 128-32-8-6", "held-out-wide", 128, [32, 8], 6, 157),
        ("teacher 56-6-28-5", "held-out-wide", 56, [6, 28], 5, 163),
        ("teacher 96-20-5-3", "held-out-wide", 96, [20, 5], 3, 167),
        ("teacher 72-12-36-7", "held-out-wide", 72, [12, 36], 7, 173),
    ];

    public static int Run(string[] args)
    {
        var which = args.Length > 0 ? args[0] : "all";
        var filter = args.Length > 1 ? args[1] : "";
        foreach (var t in Teachers.Where(t => (which == "all" || which == t.Split) && t.Name.Contains(filter, StringComparison.Ordinal)))
        {
            var spec = new DatasetSpec("teacher", InputDim: t.Input, TeacherHidden: t.Hidden, Classes: t.Classes, Samples: 4000, Seed: t.Seed, Binding: true);
            var data = DatasetCache.Load(spec);
            var f = data.Train.FeatureCount;
            var depth = t.Hidden.Length;
            var k = data.Train.Classes;
            var gridCost = Widths.Sum(w => GridSeeds * TrainingCost.TrainingMultiplyAdds(new MlpSpec(f, [.. Enumerable.Repeat(w, depth)], k), (long)data.Train.Samples * Epochs));
            var plan = ProbePlanner.Plan(SizingBudget.ProbeShare * 0.10 * gridCost, f, k, depth, data.Train.Samples, Epochs, Widths[^1], withHalfWidth: true);
            var options = new TrainOptions(Epochs, OptimizerKind.Adam, LearningRate: 0.01, BatchSize: 64, Seed: 1, Device: DeviceKind.Cpu);
            var pair = ProbePair.Train(data, plan, options);
            var shape = TwoWidthSizer.Recommend(pair, Widths);
            object Layers(ProbeRun run) => run.Probe.Layers.Zip(run.Use!, (p, u) => new
            {
                width = p.Width, sat = p.SaturationDimension, twonn = p.TwoNNDimension, rank = u.EffectiveRank, cka = u.InputSimilarity,
            }).ToArray();
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                name = t.Name, split = t.Split, planted = Array.IndexOf(t.Hidden, t.Hidden.Min()), named = shape.Bottleneck,
                input = f, inputSat = pair.InputDimension, classes = k,
                probe = new { plan.Width, plan.Epochs, plan.Rows, wideAcc = pair.Wide.Final.TestAccuracy, halfAcc = pair.Half!.Final.TestAccuracy,
                    wide = Layers(pair.Wide), half = Layers(pair.Half) },
            }));
        }
        return 0;
    }
}

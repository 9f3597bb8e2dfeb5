using System.Globalization;
using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Datasets;

namespace CapacityGrid.Bench.Sizing;

/// <summary>
/// <c>sizing [tuning|held-out|all]</c>: for each data set, trains the real grid (uniform widths 4-128 x depth 2 x 2 seeds)
/// for its knee, then probes under a budget of 10 % of that grid's multiply-adds, and prints knee vs each candidate
/// width rule, in grid steps, with the compute fraction. The evidence docs/sizing.md records.
/// </summary>
internal static class SizingBench
{
    private const string Sklearn = "/usr/lib/python3/dist-packages/sklearn/datasets/data/";
    private static readonly int[] Widths = [4, 8, 16, 32, 64, 128];
    private static readonly int[] Seeds = [1, 2];
    private const int Depth = 2;
    private const int Epochs = 15;

    private static readonly (string Name, bool Tuning, DatasetSpec Spec)[] Sets =
    [
        ("teacher 16-32-8-4", true, new DatasetSpec("teacher", InputDim: 16, TeacherHidden: [32, 8], Classes: 4, Samples: 4000, Seed: 7, Binding: true)),
        ("teacher 12-8-32-8", true, new DatasetSpec("teacher", InputDim: 12, TeacherHidden: [8, 32], Classes: 8, Samples: 4000, Seed: 3, Binding: true)),
        ("breast cancer", true, new DatasetSpec("csv", Sklearn + "breast_cancer.csv")),
        ("teacher 20-24-6-6", false, new DatasetSpec("teacher", InputDim: 20, TeacherHidden: [24, 6], Classes: 6, Samples: 4000, Seed: 5, Binding: true)),
        ("teacher 10-4-16-5", false, new DatasetSpec("teacher", InputDim: 10, TeacherHidden: [4, 16], Classes: 5, Samples: 4000, Seed: 2, Binding: true)),
        ("wine", false, new DatasetSpec("csv", Sklearn + "wine_data.csv")),
        ("digits", false, new DatasetSpec("csv", Sklearn + "digits.csv.gz")),
    ];

    public static int Run(string[] args)
    {
        var which = args.Length > 0 ? args[0] : "all";
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine("set | split | knee | knee acc | twonn rule | saturation rule | two-width rule | steps off (twonn/sat/two) | probe | fraction");
        foreach (var (name, tuning, spec) in Sets.Where(s => which == "all" || (which == "tuning") == s.Tuning))
        {
            var data = DatasetCache.Load(spec);
            var options = new TrainOptions(Epochs, LearningRate: 0.01, BatchSize: 64, Device: "cpu");
            var (knee, kneeAccuracy, gridCost) = Grid(data, options);
            var budget = 0.10 * gridCost;

            // One probe at the widest width 80 % of the budget affords, one at half that width: together within budget.
            var plan = ProbePlanner.Plan(0.8 * budget, data.Train.FeatureCount, data.Train.Classes, Depth, data.Train.Samples, Epochs, Widths[^1]);
            var wide = Probe(data, plan.Width, plan, options);
            var narrow = Probe(data, Math.Max(2, plan.Width / 2), plan, options);
            var spent = wide.Cost + narrow.Cost;

            var twoNN = ProbeRecommender.Recommend(wide.Run.Probe).Select(l => l.Width).ToArray();
            var saturation = wide.Run.Probe.Layers.Select(l => GridWidth(l.SaturationDimension ?? l.Width)).ToArray();
            var twoWidth = wide.Run.Probe.Layers.Zip(narrow.Run.Probe.Layers, (w, n) => TwoWidth(w.SaturationDimension ?? w.Width, n.SaturationDimension ?? n.Width, w.Width)).ToArray();
            string Steps(int[] rec) => string.Join('/', rec.Select(r => Math.Abs(Math.Log2(GridWidth(r)) - Math.Log2(knee)).ToString("0", c)));
            Console.WriteLine(string.Create(c,
                $"{name} | {(tuning ? "tuning" : "held-out")} | {knee}-{knee} | {kneeAccuracy:0.000} | {string.Join('-', twoNN)} | {string.Join('-', saturation)} | {string.Join('-', twoWidth)} | {Steps(twoNN)} ; {Steps(saturation)} ; {Steps(twoWidth)} | {plan.Width}+{plan.Width / 2} x{plan.Epochs} sat {string.Join('/', wide.Run.Probe.Layers.Select(l => l.SaturationDimension))} vs {string.Join('/', narrow.Run.Probe.Layers.Select(l => l.SaturationDimension))} | {spent / gridCost:0.000}"));
        }
        return 0;
    }

    // The used dimension d_w at probe width w and d_h at w/2: if it grew by less than a quarter the layer found its size,
    // so its width is d_w's grid step; if it grew with the width, the layer wants at least the probe's width.
    private static int TwoWidth(int wide, int narrow, int probeWidth) =>
        wide <= 1.25 * narrow ? GridWidth(wide) : GridWidth(probeWidth);

    // The smallest grid width at least the dimension (the widest when none is).
    private static int GridWidth(int dimension) => Widths.FirstOrDefault(w => w >= dimension, Widths[^1]);

    private static (int Knee, double Accuracy, double Cost) Grid(DataSplit data, TrainOptions options)
    {
        var candidates = new List<KneeCandidate>();
        double cost = 0;
        foreach (var width in Widths)
        {
            var spec = new MlpSpec(data.Train.FeatureCount, [.. Enumerable.Repeat(width, Depth)], data.Train.Classes);
            var accuracies = Seeds.Select(seed =>
            {
                EpochReport? last = null;
                MlpTrainer.Train(data, spec, options with { Seed = seed }, r => last = r);
                cost += TrainingCost.TrainingMultiplyAdds(spec, (long)data.Train.Samples * last!.Epoch);
                return last.TestAccuracy;
            }).ToArray();
            var mean = accuracies.Average();
            var sd = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1));
            candidates.Add(new KneeCandidate(width.ToString(CultureInfo.InvariantCulture), spec.ParameterCount, mean, sd, accuracies.Length));
        }
        var knee = Knee.Find(candidates)!;
        return (int.Parse(knee.Knee.Key, CultureInfo.InvariantCulture), knee.Knee.MeanAccuracy, cost);
    }

    private static (ProbeRun Run, double Cost) Probe(DataSplit data, int width, ProbePlan plan, TrainOptions options)
    {
        var spec = new MlpSpec(data.Train.FeatureCount, [.. Enumerable.Repeat(width, Depth)], data.Train.Classes);
        var run = ProbeRun.Train(data.LimitTrain(plan.Rows), spec, options with { Epochs = plan.Epochs, Seed = 1 });
        return (run, TrainingCost.TrainingMultiplyAdds(spec, run.SampleEpochs));
    }
}

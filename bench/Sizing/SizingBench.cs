using System.Globalization;
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
/// <c>sizing [tuning|tuning-2|tuning-3|held-out|held-out-csv|held-out-csv-2|held-out-2|all] [name filter]</c>: for each data set, trains the real grid (uniform widths 4-128 x depth
/// 2 x 2 seeds) for its knee K, then each layer alone narrowed below K (the other at K) for the per-layer knee, and
/// depth 1 at K and 2K for the depth knee; then the probe pair `recommend` trains (a probe and one of half its width,
/// within <see cref="SizingBudget.ProbeShare"/> of 10 % of the grid's multiply-adds) and prints one JSON line per data
/// set: the knees and every per-layer measure of both probes, from which docs/sizing.md compares width rules.
/// </summary>
internal static class SizingBench
{
    private const string Sklearn = "/usr/lib/python3/dist-packages/sklearn/datasets/data/";
    private static readonly int[] Widths = [4, 8, 16, 32, 64, 128];
    private static readonly int[] Seeds = [1, 2];
    private const int Depth = 2;
    private const int Epochs = 15;

    // Splits: "tuning" chose the two-width rule (session 5); "tuning-2" were held out for it and, once reported, became
    // tuning data for session 6's idle half-width step; "tuning-3" were held out for that step and then became tuning
    // data for the ReLU headroom (also session 6); "held-out" were first trained after the headroom was committed.
    private static readonly (string Name, string Split, DatasetSpec Spec)[] Sets =
    [
        ("teacher 16-32-8-4", "tuning", new DatasetSpec("teacher", InputDim: 16, TeacherHidden: [32, 8], Classes: 4, Samples: 4000, Seed: 7, Binding: true)),
        ("teacher 12-8-32-8", "tuning", new DatasetSpec("teacher", InputDim: 12, TeacherHidden: [8, 32], Classes: 8, Samples: 4000, Seed: 3, Binding: true)),
        ("breast cancer", "tuning", new DatasetSpec("csv", Sklearn + "breast_cancer.csv")),
        ("teacher 20-24-6-6", "tuning-2", new DatasetSpec("teacher", InputDim: 20, TeacherHidden: [24, 6], Classes: 6, Samples: 4000, Seed: 5, Binding: true)),
        ("teacher 10-4-16-5", "tuning-2", new DatasetSpec("teacher", InputDim: 10, TeacherHidden: [4, 16], Classes: 5, Samples: 4000, Seed: 2, Binding: true)),
        ("teacher 24-12-40-6", "tuning-2", new DatasetSpec("teacher", InputDim: 24, TeacherHidden: [12, 40], Classes: 6, Samples: 4000, Seed: 11, Binding: true)),
        ("wine", "tuning-2", new DatasetSpec("csv", Sklearn + "wine_data.csv")),
        ("digits", "tuning-2", new DatasetSpec("csv", Sklearn + "digits.csv.gz")),
        ("fashion-mnist 3k", "tuning-2", new DatasetSpec("idx", "/usr/share/datasets/fashion-mnist", Classes: 10, MaxTrainSamples: 3000)),
        ("teacher 14-6-24-5", "tuning-3", new DatasetSpec("teacher", InputDim: 14, TeacherHidden: [6, 24], Classes: 5, Samples: 4000, Seed: 21, Binding: true)),
        ("teacher 18-28-10-7", "tuning-3", new DatasetSpec("teacher", InputDim: 18, TeacherHidden: [28, 10], Classes: 7, Samples: 4000, Seed: 13, Binding: true)),
        ("teacher 22-16-4-3", "tuning-3", new DatasetSpec("teacher", InputDim: 22, TeacherHidden: [16, 4], Classes: 3, Samples: 4000, Seed: 17, Binding: true)),
        ("teacher 12-10-20-4", "tuning-3", new DatasetSpec("teacher", InputDim: 12, TeacherHidden: [10, 20], Classes: 4, Samples: 4000, Seed: 29, Binding: true)),
        ("iris", "tuning-3", new DatasetSpec("csv", Sklearn + "iris.csv")),
        ("fashion-mnist 6k", "tuning-3", new DatasetSpec("idx", "/usr/share/datasets/fashion-mnist", Classes: 10, MaxTrainSamples: 6000)),
        ("teacher 16-12-24-6", "held-out", new DatasetSpec("teacher", InputDim: 16, TeacherHidden: [12, 24], Classes: 6, Samples: 4000, Seed: 41, Binding: true)),
        ("teacher 20-32-12-5", "held-out", new DatasetSpec("teacher", InputDim: 20, TeacherHidden: [32, 12], Classes: 5, Samples: 4000, Seed: 43, Binding: true)),
        ("teacher 10-20-6-4", "held-out", new DatasetSpec("teacher", InputDim: 10, TeacherHidden: [20, 6], Classes: 4, Samples: 4000, Seed: 47, Binding: true)),
        ("teacher 26-8-30-6", "held-out", new DatasetSpec("teacher", InputDim: 26, TeacherHidden: [8, 30], Classes: 6, Samples: 4000, Seed: 53, Binding: true)),
        ("teacher 8-5-16-3", "held-out", new DatasetSpec("teacher", InputDim: 8, TeacherHidden: [5, 16], Classes: 3, Samples: 4000, Seed: 59, Binding: true)),
        ("fashion-mnist 12k", "held-out", new DatasetSpec("idx", "/usr/share/datasets/fashion-mnist", Classes: 10, MaxTrainSamples: 12000)),
        // "held-out-csv" (session 8): a scikit-learn file no rule has seen, its SEX column (1 or 2) as the label.
        ("diabetes sex", "held-out-csv", new DatasetSpec("csv", Sklearn + "diabetes_data_raw.csv.gz", Label: "1", Header: "none")),
        // "held-out-csv-2" (session 9): the last scikit-learn file no rule has seen, its RAD column (9 values) as the label.
        ("boston rad", "held-out-csv-2", new DatasetSpec("csv", Sklearn + "boston_house_prices.csv", Label: "RAD")),
        // "held-out-2" (session 9): drawn before any rule of session 9 was tried, trained only after it was committed.
        ("teacher 18-12-36-5", "held-out-2", new DatasetSpec("teacher", InputDim: 18, TeacherHidden: [12, 36], Classes: 5, Samples: 4000, Seed: 181, Binding: true)),
        ("teacher 14-40-10-6", "held-out-2", new DatasetSpec("teacher", InputDim: 14, TeacherHidden: [40, 10], Classes: 6, Samples: 4000, Seed: 191, Binding: true)),
        ("teacher 24-6-20-4", "held-out-2", new DatasetSpec("teacher", InputDim: 24, TeacherHidden: [6, 20], Classes: 4, Samples: 4000, Seed: 193, Binding: true)),
        ("teacher 12-20-8-7", "held-out-2", new DatasetSpec("teacher", InputDim: 12, TeacherHidden: [20, 8], Classes: 7, Samples: 4000, Seed: 197, Binding: true)),
        ("teacher 30-16-48-8", "held-out-2", new DatasetSpec("teacher", InputDim: 30, TeacherHidden: [16, 48], Classes: 8, Samples: 4000, Seed: 199, Binding: true)),
        ("fashion-mnist 20k", "held-out-2", new DatasetSpec("idx", "/usr/share/datasets/fashion-mnist", Classes: 10, MaxTrainSamples: 20000)),
    ];

    public static int Run(string[] args)
    {
        var which = args.Length > 0 ? args[0] : "all";
        var filter = args.Length > 1 ? args[1] : "";
        foreach (var (name, split, spec) in Sets.Where(s => (which == "all" || which == s.Split) && s.Name.Contains(filter, StringComparison.Ordinal)))
        {
            var data = DatasetCache.Load(spec);
            var options = new TrainOptions(Epochs, OptimizerKind.Adam, LearningRate: 0.01, BatchSize: 64, Seed: 1, Device: DeviceKind.Cpu);
            var f = data.Train.FeatureCount;
            var k = data.Train.Classes;
            var grid = Widths.Select(w => Train(data, [w, w], options)).ToList();
            var gridCost = grid.Sum(g => g.Cost);
            var pick = Knee.Find([.. grid.Select(g => g.Candidate)])!;
            var knee = int.Parse(pick.Knee.Key.Split('-')[0], CultureInfo.InvariantCulture);
            var floor = pick.Best.MeanAccuracy - pick.Tolerance;

            // Per layer: the narrowest width of that layer alone (the other at the knee) still on the plateau.
            var perLayer = new int[Depth];
            var layerRuns = new List<object>();
            for (var l = 0; l < Depth; l++)
            {
                perLayer[l] = knee;
                foreach (var w in Widths.Where(w => w < knee).Reverse())
                {
                    var hidden = Enumerable.Repeat(knee, Depth).ToArray();
                    hidden[l] = w;
                    var run = Train(data, hidden, options);
                    layerRuns.Add(new { hidden, mean = run.Candidate.MeanAccuracy });
                    if (run.Candidate.MeanAccuracy < floor)
                    {
                        break;
                    }
                    perLayer[l] = w;
                }
            }
            // Depth: one hidden layer at the knee's width or twice it.
            var shallow = new[] { knee, Math.Min(2 * knee, Widths[^1]) }.Distinct().Select(w => Train(data, [w], options)).ToList();
            var depthKnee = shallow.Any(s => s.Candidate.MeanAccuracy >= floor) ? 1 : 2;

            var plan = ProbePlanner.Plan(SizingBudget.ProbeShare * 0.10 * gridCost, f, k, Depth, data.Train.Samples, Epochs, Widths[^1], withHalfWidth: true);
            var pair = ProbePair.Train(data, plan, options);
            object Layers(ProbeRun run) => run.Probe.Layers.Zip(run.Use!, (p, u) => new
            {
                width = p.Width, sat = p.SaturationDimension, twonn = p.TwoNNDimension, rank = u.EffectiveRank, cka = u.InputSimilarity,
            }).ToArray();
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                name, split, knee, kneeAccuracy = pick.Knee.MeanAccuracy, best = pick.Best.MeanAccuracy,
                tolerance = pick.Tolerance, perLayer, layerRuns, depthKnee, shallow = shallow.Select(s => new { s.Candidate.Key, s.Candidate.MeanAccuracy }),
                grid = grid.Select(g => new { g.Candidate.Key, g.Candidate.MeanAccuracy }),
                probe = new { plan.Width, half = ProbePlanner.HalfOf(plan.Width), plan.Epochs, plan.Rows, fraction = pair.MultiplyAdds / gridCost,
                    wideAcc = pair.Wide.Final.TestAccuracy, halfAcc = pair.Half!.Final.TestAccuracy, wide = Layers(pair.Wide), halfLayers = Layers(pair.Half) },
                input = f, classes = k, train = data.Train.Samples,
            }));
        }
        return 0;
    }

    private static (KneeCandidate Candidate, double Cost) Train(DataSplit data, int[] hidden, TrainOptions options)
    {
        var spec = new MlpSpec(data.Train.FeatureCount, hidden, data.Train.Classes);
        double cost = 0;
        var accuracies = Seeds.Select(seed =>
        {
            EpochReport? last = null;
            ClassifierTrainer.Train(data, spec, options with { Seed = seed }, r => last = r);
            cost += TrainingCost.TrainingMultiplyAdds(spec, (long)data.Train.Samples * last!.Epoch);
            return last.TestAccuracy;
        }).ToArray();
        var mean = accuracies.Average();
        var sd = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1));
        return (new KneeCandidate(string.Join('-', hidden), spec.ParameterCount, mean, sd, accuracies.Length), cost);
    }
}

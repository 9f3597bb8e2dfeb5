using System.Globalization;
using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Client.Cli.Recommend;

/// <summary>The long part of <c>capgrid recommend</c>: probe pair, recommendation, verification; progress to <c>error</c>.</summary>
internal sealed class Recommender(RecommendRequest request, DataSplit data, IReadOnlyList<int> widths, TextWriter error, CancellationToken token)
{
    public Recommendation Run(ProbePlan plan, SweepCost sweep,
        Func<(IReadOnlyList<(string, double, double, double)> Fits, TabularData Raw)>? law = null)
    {
        var inputs = data.Train.FeatureCount;
        var classes = data.Train.Classes;
        var probeData = data.LimitTrain(plan.Rows);
        Progress($"budget {RecommendCommand.Number(plan.BudgetMultiplyAdds / SizingBudget.ProbeShare)} multiply-adds ({BudgetName()}), {SizingBudget.ProbeShare * 100:0} % of it for the probes: probes {plan.Width} and {ProbePlanner.HalfOf(plan.Width)} wide, {plan.Depth} deep, on {data.Description}: {probeData.Train.Samples} training samples, {plan.Epochs} epochs");
        var pair = ProbePair.Train(data, plan, Options(request.Seed, plan.Epochs), (spec, e) =>
            Progress($"probe {string.Join('-', spec.Hidden)} epoch {e.Epoch}/{plan.Epochs}: train acc {F(e.TrainAccuracy)}, test acc {F(e.TestAccuracy)}"), token);
        var shape = TwoWidthSizer.Recommend(pair, widths);
        if (request.Depth is { } fixedDepth)
        {
            shape = TwoWidthSizer.WithDepth(shape, fixedDepth);
        }
        LawPrior? prior = null;
        string? lawNote = null;
        if (law is not null)
        {
            var (fits, raw) = law();
            Progress("measuring the dataset for the law's estimate");
            (shape, prior, lawNote) = LawPrior.Apply(fits, raw, shape, widths, inputs, classes);
        }
        var hidden = shape.Hidden;
        var recommended = new MlpSpec(inputs, hidden, classes);
        Progress($"recommended {string.Join('-', hidden)}");

        Verification? verification = null;
        string? verifyNote = null;
        long verifySampleEpochs = 0;
        double verifyMultiplyAdds = 0;
        var totalBudget = plan.BudgetMultiplyAdds / SizingBudget.ProbeShare;
        if (request.Verify)
        {
            var left = totalBudget - pair.MultiplyAdds;
            if (StarPlanner.Plan(left, hidden, inputs, classes, data.Train.Samples, plan.Epochs) is { } star)
            {
                (verification, verifySampleEpochs, verifyMultiplyAdds) = Verify(star, inputs, classes);
                verifyNote = star.Cuts.Count == 0
                    ? "the full star fits the budget"
                    : $"cut to fit the {RecommendCommand.Number(left)} multiply-adds the probes left: {string.Join(", ", star.Cuts)}";
            }
            else
            {
                verifyNote = $"not trained: the {RecommendCommand.Number(left)} multiply-adds the probes left cannot train even the smallest star (1 seed, x2 neighbours, {ProbePlanner.MinEpochs} epochs, {ProbePlanner.MinRows} rows)";
            }
        }

        var compute = new ComputeComparison(
            pair.Wide.SampleEpochs + (pair.Half?.SampleEpochs ?? 0), pair.MultiplyAdds, verifySampleEpochs, verifyMultiplyAdds, sweep.Name,
            sweep.Points, sweep.SampleEpochs, sweep.MultiplyAdds,
            (pair.MultiplyAdds + verifyMultiplyAdds) / sweep.MultiplyAdds, BudgetName(), totalBudget, probeData.Train.Samples);
        var depthReason = request.Depth is { } d ? $"depth {d}: fixed with --depth (the probes' layers say: {TwoWidthSizer.Recommend(pair, widths).DepthReason})" : shape.DepthReason;
        return new Recommendation(
            data.Description, data.Train.Samples, pair.WideSpec.ToString(), pair.Wide.Final.Epoch, pair.Wide.Final.TestAccuracy, shape.Layers, hidden,
            recommended.ParameterCount, pair.WideSpec.ParameterCount, compute, verification,
            pair.HalfSpec?.ToString(), pair.Half?.Final.TestAccuracy, hidden.Length, depthReason,
            shape.Layers[shape.Bottleneck].Name, shape.BottleneckReason, verifyNote, prior, lawNote);
    }

    private string BudgetName() => request.Budget is null
        ? string.Create(CultureInfo.InvariantCulture, $"{request.BudgetFraction * 100:0.#} % of the sweep")
        : "stated with --budget";

    // The star the budget affords around the recommendation.
    private (Verification, long SampleEpochs, double MultiplyAdds) Verify(StarPlan star, int inputs, int classes)
    {
        var rows = data.LimitTrain(star.Rows);
        var shapes = new List<VerifiedShape>();
        long sampleEpochs = 0;
        double multiplyAdds = 0;
        foreach (var s in star.Shapes)
        {
            var spec = new MlpSpec(inputs, s.Hidden, classes);
            var accuracies = new List<double>();
            foreach (var seed in Enumerable.Range(1, star.Seeds))
            {
                EpochReport? last = null;
                ClassifierTrainer.Train(rows, spec, Options(seed, star.Epochs), e =>
                {
                    last = e;
                    Progress($"verify {string.Join('-', s.Hidden)} seed {seed}: epoch {e.Epoch}/{star.Epochs}, test acc {F(e.TestAccuracy)}");
                }, token);
                accuracies.Add(last!.TestAccuracy);
                var done = (long)rows.Train.Samples * last.Epoch;
                sampleEpochs += done;
                multiplyAdds += TrainingCost.TrainingMultiplyAdds(spec, done);
            }
            shapes.Add(new VerifiedShape(s.Scale, s.Hidden, spec.ParameterCount, [.. accuracies], accuracies.Average(), s.Layer));
        }
        var candidates = shapes.Select(s => new KneeCandidate(
            string.Join('-', s.Hidden), s.Parameters, s.MeanTestAccuracy, StandardDeviation(s.TestAccuracies), s.TestAccuracies.Length)).ToList();
        var knee = Knee.Find(candidates)!;
        var mine = shapes[0];
        var onPlateau = mine.MeanTestAccuracy >= knee.Best.MeanAccuracy - knee.Tolerance;
        return (new Verification(shapes, knee.Knee.Key, onPlateau, knee.Tolerance, star.Seeds, star.Epochs, rows.Train.Samples), sampleEpochs, multiplyAdds);
    }

    private TrainOptions Options(int seed, int epochs) => new(
        epochs, OptimizerKind.Adam, request.LearningRate, request.BatchSize, Seed: seed, Device: DeviceKind.Cpu);

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private void Progress(string line) => error.WriteLine($"capgrid: {line}");

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}

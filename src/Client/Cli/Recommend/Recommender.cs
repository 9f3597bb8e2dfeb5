using System.Globalization;
using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Recommend;

/// <summary>The long part of <c>capgrid recommend</c>: probe, recommendation, verification; progress to <c>error</c>.</summary>
internal sealed class Recommender(RecommendRequest request, DataSplit data, TextWriter error, CancellationToken token)
{
    private static readonly int[] VerifySeeds = [1, 2];
    private static readonly double[] VerifyScales = [0.5, 1, 2];

    public Recommendation Run(ProbePlan plan, SweepCost sweep)
    {
        var inputs = data.Train.FeatureCount;
        var classes = data.Train.Classes;
        var probeSpec = new MlpSpec(inputs, [.. Enumerable.Repeat(plan.Width, plan.Depth)], classes);
        var probeData = data.LimitTrain(plan.Rows);
        Progress($"budget {RecommendCommand.Number(plan.BudgetMultiplyAdds)} multiply-adds ({BudgetName(sweep)}): probe {probeSpec} on {data.Description}: {probeData.Train.Samples} training samples, {plan.Epochs} epochs");
        var run = ProbeRun.Train(probeData, probeSpec, Options(request.Seed, plan.Epochs), e =>
            Progress($"probe epoch {e.Epoch}/{plan.Epochs}: train acc {F(e.TrainAccuracy)}, test acc {F(e.TestAccuracy)}"), token);
        var layers = ProbeRecommender.Recommend(run.Probe);
        var hidden = layers.Select(l => l.Width).ToArray();
        var recommended = new MlpSpec(inputs, hidden, classes);
        Progress($"recommended {string.Join('-', hidden)}");

        Verification? verification = null;
        long verifySampleEpochs = 0;
        double verifyMultiplyAdds = 0;
        if (request.Verify)
        {
            (verification, verifySampleEpochs, verifyMultiplyAdds) = Verify(hidden, inputs, classes, plan.Epochs);
        }

        var probeMultiplyAdds = TrainingCost.TrainingMultiplyAdds(probeSpec, run.SampleEpochs);
        var compute = new ComputeComparison(
            run.SampleEpochs, probeMultiplyAdds, verifySampleEpochs, verifyMultiplyAdds, sweep.Name,
            sweep.Points, sweep.SampleEpochs, sweep.MultiplyAdds,
            (probeMultiplyAdds + verifyMultiplyAdds) / sweep.MultiplyAdds, BudgetName(sweep), plan.BudgetMultiplyAdds, probeData.Train.Samples);
        return new Recommendation(
            data.Description, data.Train.Samples, probeSpec.ToString(), run.Final.Epoch, run.Final.TestAccuracy, layers, hidden,
            recommended.ParameterCount, probeSpec.ParameterCount, compute, verification);
    }

    private string BudgetName(SweepCost sweep) => request.Budget is null
        ? string.Create(CultureInfo.InvariantCulture, $"{request.BudgetFraction * 100:0.#} % of the sweep")
        : "stated with --budget";

    // A star around the recommendation: it, and each layer alone halved and doubled, each with two seeds.
    private (Verification, long SampleEpochs, double MultiplyAdds) Verify(int[] hidden, int inputs, int classes, int epochs)
    {
        var star = new List<(int? Layer, double Scale, int[] Hidden)> { (null, 1, hidden) };
        for (var l = 0; l < hidden.Length; l++)
        {
            foreach (var scale in VerifyScales.Where(s => s != 1))
            {
                var scaled = (int[])hidden.Clone();
                scaled[l] = Math.Max(1, (int)Math.Round(hidden[l] * scale));
                if (scaled[l] != hidden[l])
                {
                    star.Add((l, scale, scaled));
                }
            }
        }
        var shapes = new List<VerifiedShape>();
        long sampleEpochs = 0;
        double multiplyAdds = 0;
        foreach (var (layer, scale, scaled) in star)
        {
            var spec = new MlpSpec(inputs, scaled, classes);
            var accuracies = new List<double>();
            foreach (var seed in VerifySeeds)
            {
                EpochReport? last = null;
                MlpTrainer.Train(data, spec, Options(seed, epochs), e =>
                {
                    last = e;
                    Progress($"verify {string.Join('-', scaled)} seed {seed}: epoch {e.Epoch}/{epochs}, test acc {F(e.TestAccuracy)}");
                }, token);
                accuracies.Add(last!.TestAccuracy);
                var done = (long)data.Train.Samples * last.Epoch;
                sampleEpochs += done;
                multiplyAdds += TrainingCost.TrainingMultiplyAdds(spec, done);
            }
            shapes.Add(new VerifiedShape(scale, scaled, spec.ParameterCount, [.. accuracies], accuracies.Average(), layer));
        }
        var candidates = shapes.Select(s => new KneeCandidate(
            string.Join('-', s.Hidden), s.Parameters, s.MeanTestAccuracy, StandardDeviation(s.TestAccuracies), s.TestAccuracies.Length)).ToList();
        var knee = Knee.Find(candidates)!;
        var mine = shapes[0];
        var onPlateau = mine.MeanTestAccuracy >= knee.Best.MeanAccuracy - knee.Tolerance;
        return (new Verification(shapes, knee.Knee.Key, onPlateau, knee.Tolerance), sampleEpochs, multiplyAdds);
    }

    private TrainOptions Options(int seed, int epochs) => new(
        epochs, "adam", request.LearningRate, request.BatchSize, Seed: seed, Device: "cpu");

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

using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Measures.Weights;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Capacity;

/// <summary>Trains a small grid for real (ClassifierTrainer, then a saturation and dimension probe of each final model), as a grid point would.</summary>
internal static class GridTraining
{
    private static readonly LayerProbeOptions Probe = new()
    {
        Measures = LayerMeasures.Saturation | LayerMeasures.Dimension,
        InformationSamples = 1000,
    };

    /// <summary>Every shape x seed, trained and probed on the training part.</summary>
    public static List<CapacityPoint> Train(DataSplit data, IEnumerable<int[]> shapes, int[] seeds, TrainOptions options, CancellationToken cancellationToken)
    {
        var points = new List<CapacityPoint>();
        foreach (var hidden in shapes)
        {
            var spec = new MlpSpec(data.Train.FeatureCount, hidden, data.Train.Classes);
            foreach (var seed in seeds)
            {
                EpochReport? last = null;
                var outcome = ClassifierTrainer.Train(data, spec, options with { Seed = seed }, r => last = r, cancellationToken);
                var probe = new LayerProbe(spec, Probe).Probe(last!.Checkpoint, data.Train, cancellationToken);
                var weights = WeightMeasures.Of(outcome.Weights);
                points.Add(new CapacityPoint(
                    $"{CapacityPoint.ShapeKey(hidden)}/s{seed}", hidden, seed, outcome.ParameterCount, last.TestAccuracy, last.TrainAccuracy,
                    weights.EntropyBits, ArchitectureCapacity.Profile(spec.InputDim, hidden).TotalBits,
                    [.. probe.Layers.Select(l => new LayerObservation(l.Name, l.Width, l.Saturation, l.SaturationReason, l.TwoNNDimension, l.TwoNNReason))],
                    last.TestLoss));
            }
        }
        return points;
    }

    /// <summary>The TwoNN dimension of (up to 2,000 rows of) the training inputs.</summary>
    public static double InputDimension(DataSplit data, CancellationToken cancellationToken)
    {
        var rows = Math.Min(2000, data.Train.Samples);
        var features = data.Train.Features.AsSpan(0, rows * data.Train.FeatureCount).ToArray();
        return TwoNNDimension.Estimate(NearestNeighbours.Find(features, data.Train.FeatureCount, 2, cancellationToken)).Value!.Value;
    }
}

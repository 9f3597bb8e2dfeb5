using CapacityGrid.Analysis.Measures;
using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Datasets;

namespace CapacityGrid.Grains.Analysis;

/// <summary>Builds an experiment's capacity map from its points' results and its dataset, with its analysis (recomputed on every call).</summary>
public sealed class AnalysisGrain(DatasetCache datasets, DatasetMeasureCache datasetMeasures) : Grain, IAnalysisGrain
{
    private const int FanOut = 64;

    // Results of ended points, read once: an ended point's trainer ignores every later report, so its result never
    // changes. Every status poll of a large grid (and every poll while the dataset measures are computed) would
    // otherwise ask every trainer again; now it asks only the points still queued or running.
    private readonly Dictionary<string, PointResult> _ended = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<CapacityMap> BuildCapacityMapAsync()
    {
        var id = this.GetPrimaryKeyString();
        var experiment = GrainFactory.GetGrain<IExperimentGrain>(id);
        var spec = await experiment.GetSpecAsync()
            ?? throw new InvalidOperationException($"no experiment '{id}'");
        var points = await experiment.GetPointsAsync();

        var fresh = new Dictionary<string, PointResult>(StringComparer.Ordinal);
        foreach (var chunk in points.Where(p => !_ended.ContainsKey(p.PointId)).Chunk(FanOut))
        {
            var read = await Task.WhenAll(chunk.Select(p =>
                GrainFactory.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, p.PointId)).GetResultAsync()));
            foreach (var (point, result) in chunk.Zip(read))
            {
                (result.Status.IsEnded() ? _ended : fresh)[point.PointId] = result;
            }
        }
        var results = points.Select(p => _ended.TryGetValue(p.PointId, out var ended) ? ended : fresh[p.PointId]);

        var data = await datasets.GetAsync(spec.Dataset);
        var dataset = new DatasetSummary(
            data.Description, data.Train.Samples, data.Test.Samples, data.Train.FeatureCount, data.Train.Classes,
            Entropy.LabelBits(data.Train.Labels, data.Train.Classes), data.Validation.Samples);
        var rows = points.Zip(results, Row).ToList();
        var measures = datasetMeasures.TryGet(spec.Dataset);
        return new CapacityMap(id, spec.Name, dataset, rows, measures, CapacityAnalysisMapping.Analyze(rows, measures));
    }

    /// <inheritdoc />
    public Task PrepareAsync(DatasetSpec dataset)
    {
        _ = datasetMeasures.TryGet(dataset);
        return Task.CompletedTask;
    }

    private static CapacityMapRow Row(GridPoint point, PointResult result)
    {
        var last = result.Epochs.Count > 0 ? result.Epochs[^1] : null;
        return new CapacityMapRow(
            point.PointId, point.HiddenWidths, point.Depth, point.Seed, result.Status,
            result.ParameterCount, last?.TrainAccuracy, last?.TestAccuracy, last?.TrainLoss, last?.TestLoss,
            result.WeightEntropyBits, result.Epochs.Count, result.Error,
            result.Measures?.Weights.Capacity?.TotalBits, result.Measures?.Weights.CompressedBits, result.Measures,
            [.. result.Epochs.Select(Epoch)],
            new PointHistory(result.Attempts, result.EpochsTrained, result.RunStartEpochs ?? [], result.Completions, result.BatchedWith),
            result.Phases);
    }

    private static EpochRow Epoch(EpochMetrics e) =>
        new(e.Epoch, Finite(e.TrainLoss), Finite(e.TestLoss), Finite(e.TrainAccuracy), Finite(e.TestAccuracy), e.Layers);

    // JSON has no NaN or infinity: a loss that overflowed is written as null.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

using CapacityGrid.Analysis.Measures;
using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Storage;

namespace CapacityGrid.Grains.Analysis;

/// <summary>
/// Builds an experiment's capacity map from its points' results and its dataset, with its analysis (recomputed on every
/// call). The spec and the points are those the experiment handed it (<see cref="IAnalysisInputGrain"/>), stored.
/// </summary>
public sealed class AnalysisGrain(
    [PersistentState("analysis", StorageNames.GrainState)] IPersistentState<AnalysisGrainState> state,
    DatasetCache datasets,
    DatasetMeasureCache datasetMeasures) : Grain, IAnalysisGrain, IAnalysisInputGrain
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
        // One snapshot: a hand-off interleaved with this build replaces the stored list rather than changing it.
        var spec = state.State.Spec ?? throw new InvalidOperationException($"no experiment '{id}'");
        var points = state.State.Points;

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
    public async Task PrepareAsync(ExperimentSpec spec, IReadOnlyList<GridPoint> points)
    {
        _ = datasetMeasures.TryGet(spec.Dataset);
        // An experiment's points only grow (adaptive rounds append): the same count is the same list, handed again.
        if (state.State.Spec is not null && state.State.Points.Count == points.Count)
        {
            return;
        }
        state.State = new AnalysisGrainState { Spec = spec, Points = [.. points] };
        await state.WriteStateAsync();
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

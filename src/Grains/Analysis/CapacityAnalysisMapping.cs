using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Analysis;

/// <summary>Maps a capacity map's rows to <see cref="CapacityAnalyzer"/>'s inputs and its report to the wire records.</summary>
internal static class CapacityAnalysisMapping
{
    /// <summary>The analysis of the finished rows, with the dataset's estimates from its measures.</summary>
    public static CapacityAnalysis Analyze(IReadOnlyList<CapacityMapRow> rows, DatasetMeasurement? dataset)
    {
        var finished = rows.Where(r => r.Status == PointStatus.Finished && r.TestAccuracy is { } a && double.IsFinite(a)).ToList();
        var report = CapacityAnalyzer.Analyze(
            finished.Select(Point), DatasetEstimates.FromMeasures(dataset?.Measures, dataset?.Error), DatasetEstimates.IntrinsicDimension(dataset?.Measures),
            datasetSamples: DatasetEstimates.SampleCount(dataset?.Measures));
        var notes = new List<string>();
        var open = rows.Count(r => !r.Status.IsEnded());
        if (open > 0)
        {
            notes.Add($"{open} of {rows.Count} points still queued or running: the analysis will change as they finish");
        }
        var ended = rows.Count(r => r.Status.IsEnded() && r.Status != PointStatus.Finished);
        if (ended > 0)
        {
            notes.Add($"{ended} points diverged, failed or were cancelled: they are left out");
        }
        notes.AddRange(report.Notes);

        var knee = report.Knee is { } k
            ? new KneeResult(Summary(k.Configuration), k.Best.MeanTestAccuracy, k.Tolerance,
                [.. k.Ratios.Select(r => new CapacityRatio(r.Capacity, r.DatasetEstimate, r.CapacityValue, r.DatasetBits, r.Ratio, r.Note))])
            : null;
        var recommendation = report.Knee is { } pick
            ? new ShapeRecommendation(pick.Configuration.HiddenWidths, "grid-knee", CapacityAnalyzer.Describe(pick), pick.Configuration.ParameterCount)
            : null;
        return new CapacityAnalysis(
            [.. report.Configurations.Select(Summary)],
            knee,
            [.. report.Verdicts.Select(v => new LayerVerdict(v.Configuration, v.LayerIndex, v.Layer, LayerVerdicts.Name(v.Kind), v.Evidence, v.Numbers, v.PointIds, v.Valid, v.ValidityNote))],
            recommendation,
            notes);
    }

    private static ConfigurationSummary Summary(ConfigurationStats c) => new(
        c.Key, c.HiddenWidths, c.HiddenWidths.Length, c.ParameterCount, c.ArchitectureBits, c.WeightEntropyBits,
        c.MeanTestAccuracy, c.StdTestAccuracy, c.Seeds, c.PointIds, c.MeanTrainAccuracy,
        [.. c.Layers.Select(l => new LayerSummary(l.Index, l.Name, l.Width, l.MeanSaturation, l.MeanOutputDimension, l.Note))]);

    private static CapacityPoint Point(CapacityMapRow row) => new(
        row.PointId, row.HiddenWidths, row.Seed, row.ParameterCount, row.TestAccuracy!.Value, row.TrainAccuracy,
        row.WeightEntropyBits, row.ArchitectureCapacityBits, Layers(row.Measures), row.TestLoss);

    // The final probe of the training part.
    private static List<LayerObservation>? Layers(FinalMeasures? measures) =>
        measures?.Layers?.Train.Layers is { } layers
            ? [.. layers.Select(l => new LayerObservation(l.Name, l.Width, l.Saturation, l.SaturationReason, l.TwoNNDimension, l.TwoNNReason))]
            : null;
}

using System.Text.Json;
using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Grains.Analysis;

/// <summary>Maps a capacity map's rows to <see cref="CapacityAnalyzer"/>'s inputs and its report to the wire records.</summary>
internal static class CapacityAnalysisMapping
{
    /// <summary>The analysis of the finished rows, with the dataset's estimates from its measures' JSON.</summary>
    public static CapacityAnalysis Analyze(IReadOnlyList<CapacityMapRow> rows, string? datasetMeasuresJson)
    {
        var finished = rows.Where(r => r.Status == "finished" && r.TestAccuracy is { } a && double.IsFinite(a)).ToList();
        var report = CapacityAnalyzer.Analyze(
            finished.Select(Point), DatasetEstimates.FromMeasuresJson(datasetMeasuresJson), DatasetEstimates.IntrinsicDimension(datasetMeasuresJson),
            datasetSamples: DatasetEstimates.SampleCount(datasetMeasuresJson));
        var notes = new List<string>();
        var open = rows.Count(r => r.Status is "queued" or "running");
        if (open > 0)
        {
            notes.Add($"{open} of {rows.Count} points still queued or running: the analysis will change as they finish");
        }
        var ended = rows.Count(r => r.Status is not ("queued" or "running" or "finished"));
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
            [.. report.Verdicts.Select(v => new LayerVerdict(v.Configuration, v.LayerIndex, v.Layer, v.Kind, v.Evidence, v.Numbers, v.PointIds, v.Valid, v.ValidityNote))],
            recommendation,
            notes);
    }

    private static ConfigurationSummary Summary(ConfigurationStats c) => new(
        c.Key, c.HiddenWidths, c.HiddenWidths.Length, c.ParameterCount, c.ArchitectureBits, c.WeightEntropyBits,
        c.MeanTestAccuracy, c.StdTestAccuracy, c.Seeds, c.PointIds, c.MeanTrainAccuracy,
        [.. c.Layers.Select(l => new LayerSummary(l.Index, l.Name, l.Width, l.MeanSaturation, l.MeanOutputDimension, l.Note))]);

    private static CapacityPoint Point(CapacityMapRow row) => new(
        row.PointId, row.HiddenWidths, row.Seed, row.ParameterCount, row.TestAccuracy!.Value, row.TrainAccuracy,
        row.WeightEntropyBits, row.ArchitectureCapacityBits, Layers(row.MeasuresJson), row.TestLoss);

    // The final probe of the training part: measures.layers.train.layers[].
    private static List<LayerObservation>? Layers(string? measuresJson)
    {
        if (measuresJson is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(measuresJson);
        if (!document.RootElement.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Object
            || !layers.TryGetProperty("train", out var train) || !train.TryGetProperty("layers", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        return
        [
            .. list.EnumerateArray().Select(l => new LayerObservation(
                l.GetProperty("name").GetString() ?? "",
                l.GetProperty("width").GetInt32(),
                Number(l, "saturation"),
                Text(l, "saturationReason"),
                Number(l, "twoNNDimension"),
                Text(l, "twoNNReason"))),
        ];
    }

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

using System.Text.Json;
using System.Text.Json.Serialization;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Abstractions.Analysis;

/// <summary>An experiment's results side by side: the dataset's information and each point's capacity and accuracy.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.capacity-map")]
public sealed record CapacityMap(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] string Name,
    [property: Id(2)] DatasetSummary Dataset,
    [property: Id(3)] IReadOnlyList<CapacityMapRow> Points,
    [property: Id(4), JsonIgnore] string? DatasetMeasuresJson = null,
    [property: Id(5)] CapacityAnalysis? Analysis = null)
{
    /// <summary>The dataset's information measures (null while they are being computed), as written to JSON.</summary>
    [JsonPropertyName("datasetMeasures")]
    public JsonElement? DatasetMeasures => DatasetMeasuresJson is null ? null : JsonSerializer.Deserialize<JsonElement>(DatasetMeasuresJson);
}

/// <summary>The dataset as the trainers saw it.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.dataset-summary")]
public sealed record DatasetSummary(
    [property: Id(0)] string Description,
    [property: Id(1)] int TrainSamples,
    [property: Id(2)] int TestSamples,
    [property: Id(3)] int Features,
    [property: Id(4)] int Classes,
    [property: Id(5)] double LabelEntropyBits,
    [property: Id(6)] int ValidationSamples = 0);

/// <summary>One grid point in the capacity map.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.capacity-map-row")]
public sealed record CapacityMapRow(
    [property: Id(0)] string PointId,
    [property: Id(1)] int[] HiddenWidths,
    [property: Id(2)] int Depth,
    [property: Id(3)] int Seed,
    [property: Id(4)] string Status,
    [property: Id(5)] long ParameterCount,
    [property: Id(6)] double? TrainAccuracy,
    [property: Id(7)] double? TestAccuracy,
    [property: Id(8)] double? TrainLoss,
    [property: Id(9)] double? TestLoss,
    [property: Id(10)] double? WeightEntropyBits,
    [property: Id(11)] int EpochsDone,
    [property: Id(12)] string? Error,
    [property: Id(13)] double? ArchitectureCapacityBits = null,
    [property: Id(14)] double? CompressedWeightBits = null,
    [property: Id(15), JsonIgnore] string? MeasuresJson = null,
    [property: Id(16), JsonIgnore] string? EpochsJson = null,
    [property: Id(17)] PointHistory? History = null,
    [property: Id(18)] PhaseSeconds? Phases = null)
{
    /// <summary>The final model's weight measures per layer and in total, as written to JSON.</summary>
    [JsonPropertyName("measures")]
    public JsonElement? Measures => MeasuresJson is null ? null : JsonSerializer.Deserialize<JsonElement>(MeasuresJson);

    /// <summary>
    /// Every epoch of the point, as written to JSON: epoch, losses, accuracies and the hidden layers' per-epoch
    /// measures (saturation, information plane; null when none were taken).
    /// </summary>
    [JsonPropertyName("epochs")]
    public JsonElement? Epochs => EpochsJson is null ? null : JsonSerializer.Deserialize<JsonElement>(EpochsJson);
}

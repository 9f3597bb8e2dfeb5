using System.Text.Json.Serialization;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Abstractions.Analysis;

/// <summary>
/// An experiment's results side by side: the dataset's information and each point's capacity and accuracy.
/// <c>DatasetMeasures</c> is null while they are being computed. (The measures come last in the JSON, as they always did.)
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.capacity-map")]
public sealed record CapacityMap(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] string Name,
    [property: Id(2)] DatasetSummary Dataset,
    [property: Id(3)] IReadOnlyList<CapacityMapRow> Points,
    [property: Id(6), JsonPropertyOrder(1)] DatasetMeasurement? DatasetMeasures = null,
    [property: Id(5)] CapacityAnalysis? Analysis = null);

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

/// <summary>
/// One grid point in the capacity map: <c>Measures</c>, the final model's weight and layer measures (null unless
/// finished); <c>Epochs</c>, every epoch of the point. (Both come last in the JSON, as they always did.)
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.capacity-map-row")]
public sealed record CapacityMapRow(
    [property: Id(0)] string PointId,
    [property: Id(1)] int[] HiddenWidths,
    [property: Id(2)] int Depth,
    [property: Id(3)] int Seed,
    [property: Id(21)] PointStatus Status,
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
    [property: Id(19), JsonPropertyOrder(1)] FinalMeasures? Measures = null,
    [property: Id(20), JsonPropertyOrder(1)] IReadOnlyList<EpochRow>? Epochs = null,
    [property: Id(17)] PointHistory? History = null,
    [property: Id(18)] PhaseSeconds? Phases = null);

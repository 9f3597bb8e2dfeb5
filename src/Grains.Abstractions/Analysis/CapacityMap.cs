namespace CapacityGrid.Grains.Abstractions.Analysis;

/// <summary>An experiment's results side by side: the dataset's information and each point's capacity and accuracy.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.capacity-map")]
public sealed record CapacityMap(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] string Name,
    [property: Id(2)] DatasetSummary Dataset,
    [property: Id(3)] IReadOnlyList<CapacityMapRow> Points);

/// <summary>The dataset as the trainers saw it.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.dataset-summary")]
public sealed record DatasetSummary(
    [property: Id(0)] string Description,
    [property: Id(1)] int TrainSamples,
    [property: Id(2)] int TestSamples,
    [property: Id(3)] int Features,
    [property: Id(4)] int Classes,
    [property: Id(5)] double LabelEntropyBits);

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
    [property: Id(12)] string? Error);

namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>How a training run ended, as the training thread reports it.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.point-completion")]
public sealed record PointCompletion(
    [property: Id(0)] PointStatus Status,
    [property: Id(1)] long ParameterCount,
    [property: Id(2)] double? WeightEntropyBits,
    [property: Id(3)] string? Error);

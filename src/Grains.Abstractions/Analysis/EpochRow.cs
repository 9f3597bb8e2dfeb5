using CapacityGrid.Analysis.Training.Tracking;


namespace CapacityGrid.Grains.Abstractions.Analysis;

/// <summary>
/// One epoch of a point in the capacity map: losses and accuracies (null where not finite: JSON has no NaN) and the
/// hidden layers' per-epoch measures (saturation, information plane; null when none were taken).
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.epoch-row")]
public sealed record EpochRow(
    [property: Id(0)] int Epoch,
    [property: Id(1)] double? TrainLoss,
    [property: Id(2)] double? TestLoss,
    [property: Id(3)] double? TrainAccuracy,
    [property: Id(4)] double? TestAccuracy,
    [property: Id(5)] IReadOnlyList<LayerEpoch>? Layers);

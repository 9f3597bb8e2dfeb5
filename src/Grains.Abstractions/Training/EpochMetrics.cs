using CapacityGrid.Analysis.Training.Tracking;


namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>
/// What one epoch of one grid point measured. <c>Layers</c> holds the hidden layers' per-epoch measures the
/// spec's <c>measures</c> asked for (null when it asked for none).
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.epoch-metrics")]
public sealed record EpochMetrics(
    [property: Id(0)] int Epoch,
    [property: Id(1)] double TrainLoss,
    [property: Id(2)] double TrainAccuracy,
    [property: Id(3)] double TestLoss,
    [property: Id(4)] double TestAccuracy,
    [property: Id(5)] TimeSpan Duration,
    [property: Id(6)] string CheckpointBlob,
    [property: Id(8)] IReadOnlyList<LayerEpoch>? Layers = null);

namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>
/// A grid point's state and, once trained, its final measures (<c>Measures</c>). <c>Attempts</c> counts training runs started
/// (more than one after an interruption); <c>EpochsTrained</c> counts epochs trained including any redone;
/// <c>RunStartEpochs</c> and <c>Completions</c> are explained in <see cref="PointHistory"/>; <c>BatchedWith</c> is how
/// many points the run that completed it trained together as one stacked model (1: alone, 0: not completed);
/// <c>Phases</c> is its time per phase summed over its runs.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.point-result")]
public sealed record PointResult(
    [property: Id(0)] string PointId,
    [property: Id(1)] int[] HiddenWidths,
    [property: Id(2)] int Seed,
    [property: Id(3)] PointStatus Status,
    [property: Id(4)] long ParameterCount,
    [property: Id(5)] IReadOnlyList<EpochMetrics> Epochs,
    [property: Id(6)] double? WeightEntropyBits,
    [property: Id(7)] string? Error,
    [property: Id(15)] FinalMeasures? Measures = null,
    [property: Id(9)] int Attempts = 0,
    [property: Id(10)] int EpochsTrained = 0,
    [property: Id(11)] IReadOnlyList<int>? RunStartEpochs = null,
    [property: Id(12)] int Completions = 0,
    [property: Id(13)] int BatchedWith = 0,
    [property: Id(14)] PhaseSeconds? Phases = null);

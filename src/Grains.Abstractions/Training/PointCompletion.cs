namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>
/// How a training run ended, as the training thread reports it. <c>Measures</c> holds the final model's
/// measures (null unless finished); <c>BatchedWith</c> is how many points the run trained together as one stacked model (1: alone). <c>Permanent</c>
/// marks a failure that another attempt cannot change (an invalid model, a data file that does not parse): the point
/// is failed at once instead of retried. <c>Phases</c> is the run's time per phase (see <see cref="PhaseSeconds"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.point-completion")]
public sealed record PointCompletion(
    [property: Id(0)] PointStatus Status,
    [property: Id(1)] long ParameterCount,
    [property: Id(2)] double? WeightEntropyBits,
    [property: Id(3)] string? Error,
    [property: Id(8)] FinalMeasures? Measures = null,
    [property: Id(5)] int BatchedWith = 1,
    [property: Id(6)] bool Permanent = false,
    [property: Id(7)] PhaseSeconds? Phases = null);

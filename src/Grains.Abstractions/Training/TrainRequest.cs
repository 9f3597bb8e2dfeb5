using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>
/// Everything a trainer grain needs to train one grid point. <c>TraceParent</c> is the W3C trace context of
/// the experiment's span, so every point's spans join the experiment's trace. <c>Measures</c> says what to measure
/// per epoch (the defaults of <see cref="MeasuresSpec"/> when null).
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.train-request")]
public sealed record TrainRequest(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] GridPoint Point,
    [property: Id(2)] DatasetSpec Dataset,
    [property: Id(3)] TrainingSpec Training,
    [property: Id(4)] string? TraceParent = null,
    [property: Id(5)] MeasuresSpec? Measures = null);

namespace CapacityGrid.Grains.Abstractions.Registry;

/// <summary>One experiment as <c>capgrid list</c> shows it.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.experiment-entry")]
public sealed record ExperimentEntry(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Points,
    [property: Id(3)] DateTimeOffset Submitted);

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// The conv part of a CNN grid point: the first <c>Layers</c> entries of <see cref="GridPoint.HiddenWidths"/> are conv
/// channels (the rest is the fully connected head), each with a <c>Kernel</c> x <c>Kernel</c> kernel and <c>Pool</c>
/// after it; <c>Input</c> is [channels, height, width], or null for a square one-channel image.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.grid-conv")]
public sealed record GridConv(
    [property: Id(0)] int Layers,
    [property: Id(1)] int Kernel,
    [property: Id(2)] string Pool,
    [property: Id(3)] int[]? Input = null);

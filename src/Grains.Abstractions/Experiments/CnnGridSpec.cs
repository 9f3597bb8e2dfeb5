namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// The CNN family of a grid (<c>grid.cnn</c>): every list of conv channels in <c>Channels</c> (one entry per conv
/// layer, e.g. <c>[[4, 8], [8, 16]]</c>) is crossed with every head shape of the grid's widths x depths (and explicit
/// layers). Each conv layer has a <c>Kernel</c> x <c>Kernel</c> kernel (stride 1, no padding) and is followed by
/// <c>Pool</c>: <c>max</c> (2x2) or <c>none</c>. <c>Input</c> is the image as [channels, height, width]; when absent,
/// a square one-channel image is assumed (28 x 28 for 784 features).
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.cnn-grid-spec")]
public sealed record CnnGridSpec(
    [property: Id(0)] int[][] Channels,
    [property: Id(1)] int Kernel = 3,
    [property: Id(2)] string Pool = "max",
    [property: Id(3)] int[]? Input = null);

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// One configuration of the sweep: a hidden-layer shape and a seed, with a stable id. For a CNN point <c>Conv</c>
/// says how many of <c>HiddenWidths</c> are conv channels (they come first) and how those layers are built.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.grid-point")]
public sealed record GridPoint(
    [property: Id(0)] string PointId,
    [property: Id(1)] int[] HiddenWidths,
    [property: Id(2)] int Seed,
    [property: Id(3)] string Activation,
    [property: Id(4)] GridConv? Conv = null)
{
    /// <summary>Number of hidden layers (conv layers included).</summary>
    public int Depth => HiddenWidths.Length;

    /// <summary>A short label such as <c>64x2 s1</c> for tables.</summary>
    public string Label => $"{string.Join('-', HiddenWidths.Select((w, i) => i < (Conv?.Layers ?? 0) ? $"c{w}" : $"{w}"))} s{Seed}";
}

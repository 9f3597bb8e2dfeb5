namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>One configuration of the sweep: a hidden-layer shape and a seed, with a stable id.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.grid-point")]
public sealed record GridPoint(
    [property: Id(0)] string PointId,
    [property: Id(1)] int[] HiddenWidths,
    [property: Id(2)] int Seed,
    [property: Id(3)] string Activation)
{
    /// <summary>Number of hidden layers.</summary>
    public int Depth => HiddenWidths.Length;

    /// <summary>A short label such as <c>64x2 s1</c> for tables.</summary>
    public string Label => $"{string.Join('-', HiddenWidths)} s{Seed}";
}

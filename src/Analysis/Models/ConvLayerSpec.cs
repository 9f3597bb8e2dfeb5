namespace CapacityGrid.Analysis.Models;

/// <summary>
/// One conv layer of a <see cref="CnnSpec"/>: <see cref="Channels"/> output channels, a square
/// <see cref="Kernel"/> x <see cref="Kernel"/> kernel (stride 1, no padding, so the map shrinks by
/// kernel - 1), the activation, then <see cref="Pool"/>: <c>max</c> (2x2, stride 2, odd sizes rounded down)
/// or <c>none</c>. <see cref="CnnSpec"/> checks the values, naming the field.
/// </summary>
public sealed record ConvLayerSpec(int Channels, int Kernel = 3, string Pool = "max")
{
    /// <summary>The pooling a conv layer may name.</summary>
    public static readonly IReadOnlyList<string> Pools = ["max", "none"];
}

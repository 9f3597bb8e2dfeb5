namespace CapacityGrid.Analysis.Capacity;

/// <summary>What <see cref="TwoWidthSizer"/> reads from a probe pair: each layer's width, the depth and the bottleneck.</summary>
/// <param name="Layers">Per hidden layer of the probe, input side first: its recommended width and evidence.</param>
/// <param name="Depth">The recommended number of hidden layers (at most the probe's).</param>
/// <param name="DepthReason">Why that depth, in a sentence.</param>
/// <param name="Removable">0-based indices of the probe layers the depth leaves out.</param>
/// <param name="Bottleneck">0-based index of the layer named the bottleneck.</param>
/// <param name="BottleneckReason">Why that layer, in a sentence.</param>
public sealed record SizedShape(
    IReadOnlyList<LayerRecommendation> Layers,
    int Depth,
    string DepthReason,
    int[] Removable,
    int Bottleneck,
    string BottleneckReason)
{
    /// <summary>The recommended hidden widths at the recommended depth (the removable layers left out).</summary>
    public int[] Hidden => [.. Layers.Where((_, i) => !Removable.Contains(i)).Select(l => l.Width)];
}

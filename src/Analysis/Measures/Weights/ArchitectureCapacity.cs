namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// Capacity of a fully connected architecture in bits, by the layer rules of Friedland, Metere &amp; Krell,
/// "A Practical Approach to Sizing Neural Networks" (2018), in the spirit of Baldi &amp; Vershynin,
/// "The capacity of feedforward neural networks" (2019), where narrow layers act as bottlenecks.
/// </summary>
/// <remarks>
/// The rules as applied here (MEASURES.md, "architecture capacity"):
/// <list type="number">
/// <item>a neuron with n inputs stores at most n + 1 bits (n weights and a bias);</item>
/// <item>a layer's raw capacity is the sum over its neurons: width · (inputs + 1);</item>
/// <item>a layer passes on at most one bit per neuron output, and never more than it received, so the
/// bits passed on after layer l are P_l = min(width_l, P_(l-1));</item>
/// <item>no layer holds more than the previous layers pass on: capped_l = min(raw_l, P_(l-1)).</item>
/// </list>
/// The input is not a cap: real-valued inputs can carry any number of bits, so the first layer keeps its
/// raw capacity (as in Friedland et al., where a single neuron on n inputs holds n + 1 bits). Because
/// P is a running minimum, a narrow layer caps every layer after it. The total is Σ capped_l.
/// </remarks>
public static class ArchitectureCapacity
{
    /// <summary>The capacity profile of a network with <paramref name="inputDimension"/> inputs and the given layer widths (output layer last).</summary>
    public static CapacityProfile Profile(int inputDimension, IReadOnlyList<int> widths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDimension, 1);
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count == 0)
        {
            throw new ArgumentException("a network needs at least one layer", nameof(widths));
        }

        var layers = new List<LayerCapacity>(widths.Count);
        long? passed = null;      // bits passed on by the layers so far; null = unlimited (the input)
        int? narrowest = null;    // earliest layer attaining that minimum
        var inputs = inputDimension;
        long total = 0;
        int? bottleneck = null;
        for (var l = 0; l < widths.Count; l++)
        {
            var width = widths[l];
            if (width < 1)
            {
                throw new ArgumentException($"layer {l} has width {width}", nameof(widths));
            }
            var raw = (long)width * (inputs + 1);
            var capped = passed is { } cap ? Math.Min(raw, cap) : raw;
            var entry = new LayerCapacity(l, inputs, width, raw, passed, capped, narrowest);
            layers.Add(entry);
            total += capped;
            if (entry.IsCapped)
            {
                bottleneck = narrowest;
            }
            if (passed is null || width < passed)
            {
                passed = width;
                narrowest = l;
            }
            inputs = width;
        }
        return new CapacityProfile(inputDimension, layers, total, bottleneck);
    }
}

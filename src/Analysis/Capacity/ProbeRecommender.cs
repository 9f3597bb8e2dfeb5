using CapacityGrid.Analysis.Measures.Probes;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// Sizes each hidden layer from a probe of one deliberately over-sized trained model: the layer's dimension is the
/// TwoNN intrinsic dimension of its output (the representation the next layer sees), or, where TwoNN has no value,
/// its Delve saturation dimension (the pre-activation's eigendirections holding δ of its variance), and its width
/// that dimension with a margin
/// (<see cref="ProbeRecommenderOptions"/>: by default max(4, ceil(1.25 x dimension) rounded up to a multiple of 8)).
/// </summary>
public static class ProbeRecommender
{
    /// <summary>The recommended width of every hidden layer of <paramref name="probe"/>, input side first.</summary>
    /// <exception cref="ArgumentException">A layer has neither a saturation dimension nor a TwoNN dimension.</exception>
    public static IReadOnlyList<LayerRecommendation> Recommend(ProbeReport probe, ProbeRecommenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var o = (options ?? new ProbeRecommenderOptions()).Validated();
        return [.. probe.Layers.Select(layer => Recommend(layer, o))];
    }

    /// <summary>The width for a layer of <paramref name="dimension"/> dimensions under the options' margin.</summary>
    public static int WidthFor(double dimension, ProbeRecommenderOptions? options = null)
    {
        var o = (options ?? new ProbeRecommenderOptions()).Validated();
        if (!(dimension >= 0) || !double.IsFinite(dimension))
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "a dimension is a finite number >= 0");
        }
        // 1e-9 absorbs binary rounding: 1.25 x 6.4 is 8.000000000000002 in doubles and must stay 8.
        var withMargin = (long)Math.Ceiling(o.Margin * dimension - 1e-9);
        var rounded = (withMargin + o.Multiple - 1) / o.Multiple * o.Multiple;
        return (int)Math.Max(o.MinWidth, rounded);
    }

    private static LayerRecommendation Recommend(LayerReport layer, ProbeRecommenderOptions o)
    {
        var (dimension, source) = (layer.TwoNNDimension, layer.SaturationDimension) switch
        {
            ({ } t, _) => (t, "twonn"),
            (null, { } s) => ((double)s, "saturation"),
            _ => throw new ArgumentException(
                $"layer {layer.Name} has no dimension to size it from ({layer.SaturationReason}; {layer.TwoNNReason})", nameof(layer)),
        };
        return new LayerRecommendation(
            layer.Name, layer.Width, layer.Saturation, layer.SaturationDimension, layer.TwoNNDimension,
            dimension, source, WidthFor(dimension, o), layer.Saturation >= o.SaturatedAbove);
    }
}

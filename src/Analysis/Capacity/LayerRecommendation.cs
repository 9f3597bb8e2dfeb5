namespace CapacityGrid.Analysis.Capacity;

/// <summary>One hidden layer's recommended width and the evidence behind it.</summary>
/// <param name="Name">Layer name (fc1, fc2, ...).</param>
/// <param name="ProbeWidth">The layer's width in the over-sized probe model.</param>
/// <param name="Saturation">Delve saturation of the probe layer's pre-activation, or null.</param>
/// <param name="SaturationDimension">ID_δ: eigendirections holding δ of the pre-activation variance, or null.</param>
/// <param name="TwoNNDimension">TwoNN intrinsic dimension of the layer's output, or null.</param>
/// <param name="Dimension">The dimension the width is set from: the TwoNN dimension, or the saturation dimension where TwoNN has none.</param>
/// <param name="Source">Which measure gave <paramref name="Dimension"/>: <c>saturation</c> or <c>twonn</c>.</param>
/// <param name="Width">The recommended width.</param>
/// <param name="Saturated">True when the probe layer was saturated: the layer may need more than the probe had, so
/// <paramref name="Width"/> is a lower bound and a wider probe should be tried.</param>
public sealed record LayerRecommendation(
    string Name,
    int ProbeWidth,
    double? Saturation,
    int? SaturationDimension,
    double? TwoNNDimension,
    double Dimension,
    string Source,
    int Width,
    bool Saturated);

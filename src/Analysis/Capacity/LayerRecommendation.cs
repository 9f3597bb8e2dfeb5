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
/// <param name="HalfWidth">The layer's width in the half-width probe (null without one).</param>
/// <param name="HalfSaturationDimension">Its saturation dimension there (null without one).</param>
/// <param name="EffectiveRank">RankMe of the probe layer's output (null when not measured).</param>
/// <param name="InputSimilarity">Linear CKA between the probe layer's input and output (null when not measured).</param>
/// <param name="IdleAtHalfWidth">True when the layer's dimension grew with the width but the half-width probe's layer
/// left directions idle, so <paramref name="Width"/> is the half width (<see cref="TwoWidthSizer.IdleFill"/>).</param>
public sealed record LayerRecommendation(
    string Name,
    int ProbeWidth,
    double? Saturation,
    int? SaturationDimension,
    double? TwoNNDimension,
    double Dimension,
    string Source,
    int Width,
    bool Saturated,
    int? HalfWidth = null,
    int? HalfSaturationDimension = null,
    double? EffectiveRank = null,
    double? InputSimilarity = null,
    bool IdleAtHalfWidth = false);

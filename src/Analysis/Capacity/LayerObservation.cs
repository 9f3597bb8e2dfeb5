namespace CapacityGrid.Analysis.Capacity;

/// <summary>One hidden layer of one trained point: its saturation and the dimension of its output representation.</summary>
/// <param name="Name">Layer name (fc1, fc2, ...).</param>
/// <param name="Width">Units.</param>
/// <param name="Saturation">Delve saturation of the pre-activation, in (0, 1]; null when not measured.</param>
/// <param name="SaturationReason">Why <paramref name="Saturation"/> is null.</param>
/// <param name="OutputDimension">TwoNN intrinsic dimension of the layer's output; null when not measured.</param>
/// <param name="OutputDimensionReason">Why <paramref name="OutputDimension"/> is null.</param>
public sealed record LayerObservation(
    string Name,
    int Width,
    double? Saturation,
    string? SaturationReason = null,
    double? OutputDimension = null,
    string? OutputDimensionReason = null);

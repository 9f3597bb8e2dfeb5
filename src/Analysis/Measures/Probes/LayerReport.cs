namespace CapacityGrid.Analysis.Measures.Probes;

/// <summary>
/// What a <see cref="LayerProbe"/> measured on one hidden layer in one pass. Every value is finite or null; a
/// null comes with the reason in the matching <c>...Reason</c> field.
/// </summary>
/// <param name="Name">Layer name as in <see cref="Models.IModelSpec.LayerNames"/> (fc1, fc2, ...; conv1, ... for a CNN).</param>
/// <param name="Width">Units of the layer.</param>
/// <param name="Activation">"relu" or "tanh".</param>
/// <param name="Saturation">Delve saturation ID_δ / width of the pre-activation, in (0, 1].</param>
/// <param name="SaturationDimension">ID_δ: eigendirections explaining δ of the pre-activation variance.</param>
/// <param name="SaturationSamples">Rows the covariance was accumulated over.</param>
/// <param name="SaturationReason">Why <paramref name="Saturation"/> is null.</param>
/// <param name="TwoNNDimension">TwoNN intrinsic dimension of the post-activation.</param>
/// <param name="TwoNNReason">Why <paramref name="TwoNNDimension"/> is null.</param>
/// <param name="BinnedInputBits">Binned I(X;T) = H(T_bin), bits.</param>
/// <param name="BinnedLabelBits">Binned I(T;Y), bits.</param>
/// <param name="BinnedPatterns">Distinct binned activation patterns.</param>
/// <param name="BinnedReason">Why the binned values are null.</param>
/// <param name="RenyiEntropyBits">Matrix-based S_α(T), bits.</param>
/// <param name="RenyiInputBits">Matrix-based I_α(X;T), bits.</param>
/// <param name="RenyiLabelBits">Matrix-based I_α(T;Y), bits.</param>
/// <param name="RenyiReason">Why the Rényi values are null.</param>
public sealed record LayerReport(
    string Name,
    int Width,
    string Activation,
    double? Saturation,
    int? SaturationDimension,
    long SaturationSamples,
    string? SaturationReason,
    double? TwoNNDimension,
    string? TwoNNReason,
    double? BinnedInputBits,
    double? BinnedLabelBits,
    int? BinnedPatterns,
    string? BinnedReason,
    double? RenyiEntropyBits,
    double? RenyiInputBits,
    double? RenyiLabelBits,
    string? RenyiReason);

namespace CapacityGrid.Analysis.Training.Tracking;

/// <summary>Where a layer sits in the information plane on one part of the data, in bits.</summary>
/// <param name="InputBits">Matrix-based Rényi I_α(X;T).</param>
/// <param name="LabelBits">Matrix-based Rényi I_α(T;Y).</param>
/// <param name="BinnedInputBits">Binned I(X;T) (tanh layers only; null for unbounded activations).</param>
/// <param name="BinnedLabelBits">Binned I(T;Y) (tanh layers only).</param>
public sealed record LayerInformation(double? InputBits, double? LabelBits, double? BinnedInputBits, double? BinnedLabelBits);

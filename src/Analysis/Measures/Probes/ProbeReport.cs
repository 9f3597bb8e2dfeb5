namespace CapacityGrid.Analysis.Measures.Probes;

/// <summary>One pass of a <see cref="LayerProbe"/> over a model and a data set: the per-layer reports and what they share.</summary>
/// <param name="Samples">Rows of the data probed.</param>
/// <param name="InformationSamples">Rows of the fixed subsample for TwoNN and binned information.</param>
/// <param name="RenyiSamples">Rows of the fixed subsample for the Rényi measures.</param>
/// <param name="LabelEntropyBits">H(Y) of the information subsample: the ceiling of every I(T;Y).</param>
/// <param name="RenyiInputEntropyBits">S_α(X) of the Rényi subsample (null when Rényi measures were not requested).</param>
/// <param name="RenyiLabelEntropyBits">S_α(Y) of the Rényi subsample (null when Rényi measures were not requested).</param>
/// <param name="KernelWidths">The kernel widths used (null when Rényi measures were not requested).</param>
/// <param name="Layers">One report per hidden layer, input side first.</param>
public sealed record ProbeReport(
    int Samples,
    int InformationSamples,
    int RenyiSamples,
    double LabelEntropyBits,
    double? RenyiInputEntropyBits,
    double? RenyiLabelEntropyBits,
    KernelWidths? KernelWidths,
    IReadOnlyList<LayerReport> Layers);

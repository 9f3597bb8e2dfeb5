namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// KSG estimate (Ross 2014 mixed variant) of the mutual information between the features, reduced to a few
/// principal components, and the labels. A lower bound on I(features; labels), at most H(labels).
/// </summary>
/// <param name="KsgBits">The estimate in bits, or null.</param>
/// <param name="KsgNats">The same in nats.</param>
/// <param name="SamplesUsed">Rows used (all, or the seeded subsample shared with the intrinsic dimension).</param>
/// <param name="Reduction">What the features were reduced to.</param>
/// <param name="KsgNeighbours">The k of the estimator.</param>
/// <param name="KsgReason">Why the estimate is null, or a note on an exact or clipped value.</param>
public sealed record MutualInformationMeasures(
    double? KsgBits, double? KsgNats, int SamplesUsed, string Reduction, int KsgNeighbours, string? KsgReason);

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>Intrinsic dimension of the features by two estimators, each a value or null with a reason.</summary>
/// <param name="TwoNN">TwoNN estimate (<see cref="TwoNNDimension"/>).</param>
/// <param name="Mle">MLE estimate (<see cref="MleDimension"/>).</param>
/// <param name="SamplesUsed">Rows the neighbour search ran on (all, or the seeded subsample).</param>
/// <param name="MleNeighbours">The k of the MLE estimate.</param>
/// <param name="TwoNNReason">Why <paramref name="TwoNN"/> is null.</param>
/// <param name="MleReason">Why <paramref name="Mle"/> is null.</param>
public sealed record IntrinsicDimensionMeasures(
    double? TwoNN, double? Mle, int SamplesUsed, int MleNeighbours, string? TwoNNReason, string? MleReason);

namespace CapacityGrid.Grains.Abstractions.Analysis;

/// <summary>
/// What an experiment's grid says about capacity: its configurations aggregated over seeds, the accuracy knee,
/// per-layer verdicts with their evidence, and the recommended shape. Recomputed as points finish.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.capacity-analysis")]
public sealed record CapacityAnalysis(
    [property: Id(0)] IReadOnlyList<ConfigurationSummary> Configurations,
    [property: Id(1)] KneeResult? Knee,
    [property: Id(2)] IReadOnlyList<LayerVerdict> Verdicts,
    [property: Id(3)] ShapeRecommendation? Recommendation,
    [property: Id(4)] IReadOnlyList<string> Notes);

/// <summary>One network shape of the grid, its finished seeds aggregated.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.configuration-summary")]
public sealed record ConfigurationSummary(
    [property: Id(0)] string Key,
    [property: Id(1)] int[] HiddenWidths,
    [property: Id(2)] int Depth,
    [property: Id(3)] long ParameterCount,
    [property: Id(4)] double? ArchitectureBits,
    [property: Id(5)] double? WeightEntropyBits,
    [property: Id(6)] double MeanTestAccuracy,
    [property: Id(7)] double StdTestAccuracy,
    [property: Id(8)] int Seeds,
    [property: Id(9)] IReadOnlyList<string> PointIds,
    [property: Id(10)] double? MeanTrainAccuracy = null,
    [property: Id(11)] IReadOnlyList<LayerSummary>? Layers = null);

/// <summary>
/// One hidden layer of a configuration: its saturation and output dimension (TwoNN) from the final probe on the
/// training part, averaged across the seeds that measured them; <see cref="Note"/> says why one is missing.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.layer-summary")]
public sealed record LayerSummary(
    [property: Id(0)] int Index,
    [property: Id(1)] string Name,
    [property: Id(2)] int Width,
    [property: Id(3)] double? MeanSaturation,
    [property: Id(4)] double? MeanOutputDimension,
    [property: Id(5)] string? Note = null);

/// <summary>
/// The smallest configuration whose mean test accuracy is within <see cref="Tolerance"/> of the best, and its
/// capacity set against each estimate of the dataset's information content.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.knee-result")]
public sealed record KneeResult(
    [property: Id(0)] ConfigurationSummary Configuration,
    [property: Id(1)] double BestMeanTestAccuracy,
    [property: Id(2)] double Tolerance,
    [property: Id(3)] IReadOnlyList<CapacityRatio> Ratios);

/// <summary>One capacity measure of the knee (parameters, architectureBits, weightEntropyBits) over one dataset estimate in bits.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.capacity-ratio")]
public sealed record CapacityRatio(
    [property: Id(0)] string Capacity,
    [property: Id(1)] string DatasetEstimate,
    [property: Id(2)] double CapacityValue,
    [property: Id(3)] double DatasetBits,
    [property: Id(4)] double Ratio,
    [property: Id(5)] string? Note = null);

/// <summary>
/// A verdict on one hidden layer of one configuration: <c>bottleneck</c> or <c>oversized</c>, with the numbers and
/// grid points behind it; <see cref="Valid"/> is false when the evidence is thin (too few seeds, a measure invalid
/// for the layer), and <see cref="ValidityNote"/> says why.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.layer-verdict")]
public sealed record LayerVerdict(
    [property: Id(0)] string Configuration,
    [property: Id(1)] int LayerIndex,
    [property: Id(2)] string Layer,
    [property: Id(3)] string Kind,
    [property: Id(4)] string Evidence,
    [property: Id(5)] IReadOnlyDictionary<string, double> Numbers,
    [property: Id(6)] IReadOnlyList<string> PointIds,
    [property: Id(7)] bool Valid,
    [property: Id(8)] string? ValidityNote = null);

/// <summary>A recommended initial shape: from the grid's knee (<c>grid-knee</c>) or from a single probe (<c>probe</c>).</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.shape-recommendation")]
public sealed record ShapeRecommendation(
    [property: Id(0)] int[] HiddenWidths,
    [property: Id(1)] string Source,
    [property: Id(2)] string Evidence,
    [property: Id(3)] long ParameterCount);

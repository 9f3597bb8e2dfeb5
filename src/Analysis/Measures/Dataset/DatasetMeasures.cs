namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Every default dataset measure of MEASURES.md for one dataset. Property names are a stable contract:
/// System.Text.Json with camelCase gives samples, features, classes, labelEntropyBits,
/// featureEntropyBitsPerSample, compressedBitsPerSample.{deflate, brotli, zstd, best}, intrinsicDimension.{twoNN, mle},
/// mec.{estimateBits, maxBits}, mutualInformation.ksgBits, prequential.{bits, uniformBits, learner}, and a ...Reason beside each value that can be null.
/// </summary>
/// <param name="Samples">Rows.</param>
/// <param name="Features">Features per row.</param>
/// <param name="Classes">Declared classes K.</param>
/// <param name="LabelEntropyBits">H(Y) of the class frequencies.</param>
/// <param name="FeatureEntropyBitsPerSample">Σ_j H(x_j) of the quantized features (<see cref="FeatureEntropy"/>).</param>
/// <param name="CompressedBitsPerSample">Compression bound per compressor and the best (<see cref="SampleCompression"/>).</param>
/// <param name="IntrinsicDimension">TwoNN and MLE.</param>
/// <param name="Mec">Memory-equivalent capacity (<see cref="MemoryEquivalentCapacity"/>).</param>
/// <param name="MutualInformation">KSG mutual information between features and labels.</param>
/// <param name="Prequential">Prequential code length of the labels under the reference learner.</param>
public sealed record DatasetMeasures(
    int Samples,
    int Features,
    int Classes,
    double LabelEntropyBits,
    double FeatureEntropyBitsPerSample,
    CompressedBitsPerSample CompressedBitsPerSample,
    IntrinsicDimensionMeasures IntrinsicDimension,
    MecMeasures Mec,
    MutualInformationMeasures MutualInformation,
    PrequentialMeasures Prequential);

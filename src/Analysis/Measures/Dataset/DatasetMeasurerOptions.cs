namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>Settings of <see cref="DatasetMeasurer"/>; the defaults are the ones MEASURES.md and the estimators' papers suggest.</summary>
public sealed record DatasetMeasurerOptions
{
    /// <summary>Quantization levels per feature for the feature entropy.</summary>
    public int FeatureBins { get; init; } = FeatureEntropy.DefaultLevels;

    /// <summary>Neighbours k of the MLE intrinsic dimension.</summary>
    public int MleNeighbours { get; init; } = MleDimension.DefaultK;

    /// <summary>Neighbours k of the KSG mutual information.</summary>
    public int KsgNeighbours { get; init; } = KsgMutualInformation.DefaultK;

    /// <summary>
    /// Samples the neighbour-based measures (TwoNN, MLE, KSG) use: above it, that many rows drawn uniformly
    /// with <see cref="Seed"/>. Their cost grows as n²; 10,000 rows of 784 take seconds, 60,000 would take
    /// minutes. On a subsample the neighbours are farther apart, so the dimension is seen at a coarser scale.
    /// </summary>
    public int MaxNeighbourSamples { get; init; } = 10_000;

    /// <summary>Principal components the features are reduced to for the KSG mutual information with the labels.</summary>
    public int MutualInformationComponents { get; init; } = 4;

    /// <summary>
    /// Hidden widths of the reference MLP the prequential code length is measured with; empty turns the
    /// measure off. One hidden layer of 64 learns the small classic sets and a teacher's labels in a few epochs.
    /// </summary>
    public IReadOnlyList<int> PrequentialHiddenWidths { get; init; } = [64];

    /// <summary>Epochs the reference learner trains on each prefix of the prequential code.</summary>
    public int PrequentialEpochs { get; init; } = 10;

    /// <summary>Optimizer steps each prefix's model takes at least (more epochs on a small prefix, at most 200).</summary>
    public int PrequentialMinimumSteps { get; init; } = 300;

    /// <summary>Seed of the row subsample and of the principal-component iteration.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws naming the first setting out of range.</summary>
    public DatasetMeasurerOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FeatureBins, 2, nameof(FeatureBins));
        ArgumentOutOfRangeException.ThrowIfLessThan(MleNeighbours, 2, nameof(MleNeighbours));
        ArgumentOutOfRangeException.ThrowIfLessThan(KsgNeighbours, 1, nameof(KsgNeighbours));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNeighbourSamples, 3, nameof(MaxNeighbourSamples));
        ArgumentOutOfRangeException.ThrowIfLessThan(MutualInformationComponents, 1, nameof(MutualInformationComponents));
        ArgumentNullException.ThrowIfNull(PrequentialHiddenWidths);
        if (PrequentialHiddenWidths.Any(w => w < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(PrequentialHiddenWidths), "every hidden width must be at least 1");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(PrequentialEpochs, 1, nameof(PrequentialEpochs));
        ArgumentOutOfRangeException.ThrowIfNegative(PrequentialMinimumSteps, nameof(PrequentialMinimumSteps));
        return this;
    }
}

using CapacityGrid.Analysis.Measures.Layers;

namespace CapacityGrid.Analysis.Measures.Probes;

/// <summary>Settings of a <see cref="LayerProbe"/>. Row subsamples are drawn with <see cref="Seed"/>, so the same data gives the same rows every epoch.</summary>
public sealed record LayerProbeOptions
{
    /// <summary>The measures to compute.</summary>
    public LayerMeasures Measures { get; init; } = LayerMeasures.All;

    /// <summary>Rows fed through the model at once.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>
    /// Rows the saturation covariance is accumulated over: null for every row; else a fixed seeded subsample of
    /// that many, to bound the O(n·width²) cost when probing every epoch. On the 784-256-256-10 MLP and 60,000
    /// Fashion-MNIST rows (bench/Measures/SaturationCostBench), all rows cost about 70 % of an epoch's training
    /// on 2 cores, 4,096 rows about 5 % (saturation 0.250 against 0.262 with all rows).
    /// </summary>
    public int? SaturationSamples { get; init; }

    /// <summary>Delve's δ: the share of variance the saturation's intrinsic dimension explains.</summary>
    public double Delta { get; init; } = DelveSaturation.DefaultDelta;

    /// <summary>Rows of the fixed subsample for TwoNN and binned information (their cost grows as n²).</summary>
    public int InformationSamples { get; init; } = 2000;

    /// <summary>Rows of the fixed subsample (drawn from the information rows) for the O(n³) matrix-based Rényi measures.</summary>
    public int RenyiSamples { get; init; } = 500;

    /// <summary>Rényi order α; 1.01 stands in for Shannon.</summary>
    public double RenyiAlpha { get; init; } = MatrixRenyiEntropy.DefaultAlpha;

    /// <summary>γ of the Silverman-type kernel width rule (see <see cref="KernelWidths.Silverman"/>).</summary>
    public double KernelGamma { get; init; } = 1.0;

    /// <summary>
    /// Kernel width of the one-hot labels. Classes are √2 apart, so 0.1 makes the label Gram the class
    /// indicator (cross-class kernel e^-100) and S(Y) the Rényi entropy of the class shares.
    /// </summary>
    public double LabelKernelWidth { get; init; } = 0.1;

    /// <summary>Bins over [-1, 1] for the binned information of tanh layers.</summary>
    public int Bins { get; init; } = BinnedMutualInformation.DefaultBins;

    /// <summary>Seed of the row subsamples.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws naming the first setting out of range.</summary>
    public LayerProbeOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (SaturationSamples is { } s)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(s, 1, nameof(SaturationSamples));
        }
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Delta, 0, nameof(Delta));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Delta, 1, nameof(Delta));
        ArgumentOutOfRangeException.ThrowIfLessThan(InformationSamples, 3, nameof(InformationSamples));
        ArgumentOutOfRangeException.ThrowIfLessThan(RenyiSamples, 2, nameof(RenyiSamples));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RenyiAlpha, 0, nameof(RenyiAlpha));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KernelGamma, 0, nameof(KernelGamma));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LabelKernelWidth, 0, nameof(LabelKernelWidth));
        ArgumentOutOfRangeException.ThrowIfLessThan(Bins, 2, nameof(Bins));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Bins, 256, nameof(Bins));
        return this;
    }
}

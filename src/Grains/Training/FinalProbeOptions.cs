using CapacityGrid.Analysis.Measures.Probes;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// The row subsamples of the layer probe every finished point gets on its final model (<see cref="FinalLayers"/>),
/// on the training part and on the test part each. Section <c>Training:FinalProbe</c>. Smaller is faster; the
/// matrix-based Rényi measures cost O(n³) and dominate the probe.
/// </summary>
public sealed class FinalProbeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Training:FinalProbe";

    /// <summary>Rows the saturation covariance is accumulated over (cheap: O(n·width²)).</summary>
    public int SaturationSamples { get; set; } = FinalLayers.SaturationSamples;

    /// <summary>Rows for the TwoNN dimension and binned information (O(n²)); at least 3.</summary>
    public int InformationSamples { get; set; } = FinalLayers.InformationSamples;

    /// <summary>
    /// Rows (of the information rows) for the matrix-based Rényi S(T), I(X;T) and I(T;Y) (O(n³)); at least 2. The
    /// entropies grow with the rows (at most log2 n bits): on the quickstart grid 200 rows give S(T) about 0.25 bits
    /// and I(X;T) about 0.1 bits below 300 rows, for (2/3)³ ≈ 0.3 of the arithmetic (docs/benchmarks.md, sweep-efficiency).
    /// </summary>
    public int RenyiSamples { get; set; } = FinalLayers.RenyiSamples;

    /// <summary>The probe settings these subsamples make.</summary>
    public LayerProbeOptions ToProbeOptions() => new()
    {
        SaturationSamples = SaturationSamples,
        InformationSamples = InformationSamples,
        RenyiSamples = RenyiSamples,
    };
}

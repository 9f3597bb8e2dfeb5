using CapacityGrid.Analysis.Measures.Layers;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Training.Tracking;

/// <summary>
/// What <see cref="ClassifierTrainer.Train"/> measures on the hidden layers after every epoch (<see cref="EpochReport.Layers"/>).
/// </summary>
/// <remarks>
/// Saturation rides on the evaluation passes the trainer makes anyway (the whole training part, then the test
/// part): each hidden pre-activation batch also goes into a covariance accumulator, one set per pass, so it
/// costs no second forward pass. The information plane runs a <see cref="Measures.Probes.LayerProbe"/> per
/// part on a fixed subsample (the same rows every epoch), with the Rényi kernel widths fixed by the first
/// epoch and shared by both parts.
/// </remarks>
/// <param name="Saturation">Delve saturation of each hidden pre-activation, train and test passes apart.</param>
/// <param name="InformationPlane">Matrix-based Rényi I(X;T) and I(T;Y) per layer and part (and binned for tanh); O(n³) in <paramref name="InformationSamples"/>.</param>
/// <param name="InformationSamples">Rows of the fixed subsample of each part for the information plane.</param>
/// <param name="SaturationSamples">
/// Rows of each pass fed to the covariance: null for every row; else a fixed seeded subsample of that many
/// (the rows are picked out of the evaluation batches, still without a second pass).
/// </param>
/// <param name="Delta">Delve's δ.</param>
/// <param name="Seed">Seed of the row subsamples.</param>
public sealed record LayerTracking(
    bool Saturation = true,
    bool InformationPlane = false,
    int InformationSamples = 500,
    int? SaturationSamples = null,
    double Delta = DelveSaturation.DefaultDelta,
    int Seed = 1)
{
    /// <summary>True when anything is measured at all.</summary>
    public bool Any => Saturation || InformationPlane;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public LayerTracking Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(InformationSamples, 3, nameof(InformationSamples));
        if (SaturationSamples is { } s)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(s, 1, nameof(SaturationSamples));
        }
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Delta, 0, nameof(Delta));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Delta, 1, nameof(Delta));
        return this;
    }
}

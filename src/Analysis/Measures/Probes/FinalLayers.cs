using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;

namespace CapacityGrid.Analysis.Measures.Probes;

/// <summary>
/// The layer measures every finished point stores: saturation, representation dimension and information
/// of each hidden layer of the final model, on the training part and on the test part separately (eval mode,
/// the two passes kept apart). Subsampled (the silo's Training:FinalProbe settings) so the probe stays a small fraction of the training cost.
/// </summary>
/// <param name="Train">The probe over (a subsample of) the training part.</param>
/// <param name="Test">The probe over (a subsample of) the test part, with the training probe's kernel widths.</param>
public sealed record FinalLayers(ProbeReport Train, ProbeReport Test)
{
    /// <summary>Default rows the saturation covariance is accumulated over.</summary>
    public const int SaturationSamples = 4096;

    /// <summary>Default rows for the TwoNN dimension and binned information.</summary>
    public const int InformationSamples = 1000;

    /// <summary>Default rows for the matrix-based Rényi measures.</summary>
    public const int RenyiSamples = 200;

    /// <summary>The probe settings of a grid point by default (the silo's Training:FinalProbe defaults).</summary>
    public static LayerProbeOptions Options { get; } = new()
    {
        SaturationSamples = SaturationSamples, InformationSamples = InformationSamples, RenyiSamples = RenyiSamples,
    };

    /// <summary>Probes the model of a training checkpoint (<see cref="CheckpointFormat"/>) with <paramref name="options"/> (null: <see cref="Options"/>).</summary>
    public static FinalLayers Probe(IModelSpec spec, byte[] checkpoint, DataSplit data, CancellationToken cancellationToken, LayerProbeOptions? options = null)
    {
        options ??= Options;
        var weights = CheckpointFormat.Read(checkpoint).Weights;
        var train = new LayerProbe(spec, options);
        var trainReport = train.Probe(weights, data.Train, cancellationToken);
        var testReport = new LayerProbe(spec, options, train.KernelWidths).Probe(weights, data.Test, cancellationToken);
        return new FinalLayers(trainReport, testReport);
    }
}

using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training;

namespace CapacityGrid.Analysis.Measures.Probes;

/// <summary>
/// The layer measures every finished point stores: saturation, representation dimension and information
/// of each hidden layer of the final model, on the training part and on the test part separately (eval mode,
/// the two passes kept apart). Subsampled so the probe stays a small fraction of the training cost.
/// </summary>
/// <param name="Train">The probe over (a subsample of) the training part.</param>
/// <param name="Test">The probe over (a subsample of) the test part, with the training probe's kernel widths.</param>
public sealed record FinalLayers(ProbeReport Train, ProbeReport Test)
{
    /// <summary>The probe settings of a grid point: subsamples that keep it cheap next to training.</summary>
    public static LayerProbeOptions Options { get; } = new()
    {
        SaturationSamples = 4096,
        InformationSamples = 1000,
        RenyiSamples = 300,
    };

    /// <summary>Probes the model of a training checkpoint (<see cref="CheckpointFormat"/>).</summary>
    public static FinalLayers Probe(IModelSpec spec, byte[] checkpoint, DataSplit data, CancellationToken cancellationToken)
    {
        var weights = CheckpointFormat.Read(checkpoint).Weights;
        var train = new LayerProbe(spec, Options);
        var trainReport = train.Probe(weights, data.Train, cancellationToken);
        var testReport = new LayerProbe(spec, Options, train.KernelWidths).Probe(weights, data.Test, cancellationToken);
        return new FinalLayers(trainReport, testReport);
    }
}

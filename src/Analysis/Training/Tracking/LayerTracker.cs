using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Tracking;

/// <summary>
/// The per-epoch layer measures of one training run (<see cref="LayerTracking"/>): the two passes' covariance
/// accumulators, and the information-plane probes, whose kernel widths the first epoch fixes for the whole run.
/// </summary>
internal sealed class LayerTracker
{
    private readonly IModelSpec _spec;
    private readonly LayerTracking _options;
    private readonly LayerProbe? _trainProbe;
    private LayerProbe? _testProbe;

    public LayerTracker(IModelSpec spec, LayerTracking options, DataSplit data)
    {
        _spec = spec;
        _options = options;
        if (options.Saturation)
        {
            TrainPass = new PassCovariance(spec.HiddenWidths, data.Train.Samples, options.SaturationSamples, options.Seed);
            TestPass = new PassCovariance(spec.HiddenWidths, data.Test.Samples, options.SaturationSamples, options.Seed);
        }
        if (options.InformationPlane)
        {
            _trainProbe = new LayerProbe(spec, ProbeOptions(options));
        }
    }

    /// <summary>The accumulators the training part's evaluation pass feeds; null without saturation.</summary>
    public PassCovariance? TrainPass { get; }

    /// <summary>The accumulators the test part's evaluation pass feeds; null without saturation.</summary>
    public PassCovariance? TestPass { get; }

    /// <summary>
    /// The epoch's layer measures, after both evaluation passes: saturation from their accumulators, and the
    /// information plane probed on the model now (on a CPU copy of its weights when it lives elsewhere).
    /// </summary>
    public IReadOnlyList<LayerEpoch> Measure(ClassifierModel model, DataSplit data, CancellationToken cancellationToken)
    {
        var trainSaturation = TrainPass?.Saturations(_options.Delta);
        var testSaturation = TestPass?.Saturations(_options.Delta);
        ProbeReport? train = null, test = null;
        if (_trainProbe is not null)
        {
            var onCpu = model.ParameterLayers[0].Weight.device_type == DeviceType.CPU;
            var weights = onCpu ? null : Checkpoints.SaveWeights(model);
            train = Probe(_trainProbe, model, weights, data.Train, cancellationToken);
            // The test part is measured with the kernel widths the training part fixed at the first epoch.
            _testProbe ??= new LayerProbe(_spec, ProbeOptions(_options), _trainProbe.KernelWidths);
            test = Probe(_testProbe, model, weights, data.Test, cancellationToken);
        }
        var layers = new LayerEpoch[_spec.HiddenWidths.Count];
        for (var l = 0; l < layers.Length; l++)
        {
            layers[l] = new LayerEpoch(
                _spec.LayerNames[l], _spec.HiddenWidths[l],
                trainSaturation?[l]?.Saturation, testSaturation?[l]?.Saturation,
                Information(train, l), Information(test, l));
        }
        return layers;
    }

    private static ProbeReport Probe(LayerProbe probe, ClassifierModel model, byte[]? weights, TabularData data, CancellationToken cancellationToken) =>
        weights is null ? probe.Probe(model, data, cancellationToken) : probe.Probe(weights, data, cancellationToken);

    private static LayerInformation? Information(ProbeReport? report, int layer) =>
        report?.Layers[layer] is { } r ? new LayerInformation(r.RenyiInputBits, r.RenyiLabelBits, r.BinnedInputBits, r.BinnedLabelBits) : null;

    // Rényi and binned information on one fixed subsample of InformationSamples rows; saturation comes from the passes.
    private static LayerProbeOptions ProbeOptions(LayerTracking options) => new()
    {
        Measures = LayerMeasures.RenyiInformation | LayerMeasures.BinnedInformation,
        InformationSamples = options.InformationSamples,
        RenyiSamples = options.InformationSamples,
        Seed = options.Seed,
    };
}

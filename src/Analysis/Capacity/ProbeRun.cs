using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// Trains one over-sized MLP and probes its hidden layers on the training part (saturation and TwoNN dimension only),
/// the measurement <see cref="TwoWidthSizer"/> compares between the two probes of a <see cref="ProbePair"/>.
/// </summary>
/// <param name="Probe">The per-layer measures of the final model.</param>
/// <param name="Final">The last epoch's metrics (its checkpoint holds the final model).</param>
/// <param name="SampleEpochs">Training samples x epochs trained: the compute spent, in the unit sweeps are compared in.</param>
/// <param name="Diverged">True when the loss became NaN or infinite.</param>
/// <param name="Use">Per hidden layer: its effective rank and how much its output resembles its input (null when not measured).</param>
public sealed record ProbeRun(ProbeReport Probe, EpochReport Final, long SampleEpochs, bool Diverged, IReadOnlyList<LayerUse>? Use = null)
{
    /// <summary>Rows of the training part the saturation covariance is accumulated over at most.</summary>
    public const int SaturationSamples = 4096;

    /// <summary>Trains <paramref name="spec"/> on <paramref name="data"/>, reporting each epoch, then probes the final model.</summary>
    /// <exception cref="ArgumentException">The spec or options cannot be used.</exception>
    /// <exception cref="InvalidOperationException">Training produced no epoch (zero epochs).</exception>
    public static ProbeRun Train(DataSplit data, MlpSpec spec, TrainOptions options, Action<EpochReport>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        EpochReport? last = null;
        var outcome = ClassifierTrainer.Train(data, spec, options, e =>
        {
            last = e;
            onEpoch?.Invoke(e);
        }, cancellationToken);
        if (last is null)
        {
            throw new InvalidOperationException("the probe trained no epoch");
        }
        var probe = new LayerProbe(spec, new LayerProbeOptions
        {
            Measures = LayerMeasures.Saturation | LayerMeasures.Dimension,
            SaturationSamples = SaturationSamples,
            Seed = options.Seed,
        });
        var report = probe.Probe(last.Checkpoint, data.Train, cancellationToken);
        var use = LayerUseProbe.Measure(spec, last.Checkpoint, data.Train, options.Seed);
        return new ProbeRun(report, last, (long)data.Train.Samples * last.Epoch, outcome.Diverged, use);
    }
}

using System.Text.Json;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Weights;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// The real engine: trains the point's MLP or CNN (<see cref="PointModel"/>) with TorchSharp (<see cref="MlpTrainer"/>), tracks its layers per
/// epoch as the spec's measures say, and probes the final model's layers.
/// </summary>
public sealed class TorchTrainingEngine(IOptions<TrainingSlotOptions> options) : ITrainingEngine
{
    // Saturation over a fixed subsample of each part: every row costs about half an epoch's training on a
    // 784-256-256-10 MLP; `bench -- tracking` measures this setting (docs/benchmarks.md).
    private const int TrackedSaturationRows = 2048;
    private static readonly JsonSerializerOptions MeasuresJson = new(JsonSerializerDefaults.Web);
    // Torch's thread count is process-wide: set it once per process, never while another silo's training runs.
    private static int _torchConfigured;

    /// <inheritdoc />
    public PointCompletion Train(TrainRequest request, DataSplit data, ResumePoint? resume, Action<EpochReport> onEpoch, CancellationToken cancellationToken)
    {
        var point = request.Point;
        var spec = PointModel.Of(point, data);
        var t = request.Training;
        var trainOptions = new TrainOptions(
            t.Epochs, t.Optimizer, t.LearningRate, t.BatchSize, t.Momentum, t.WeightDecay, point.Seed,
            t.EarlyStopping is { } early ? new EarlyStoppingOptions(early.Patience, early.MinDelta) : null,
            t.Device ?? "auto");
        // Early stopping watches the dataset's validation part, so the test part stays unseen.
        var validation = data.Validation.Samples > 0 ? data.Validation : null;
        if (t.EarlyStopping is not null && validation is null)
        {
            throw new ArgumentException("training.earlyStopping needs a validation part: set dataset.validationFraction above 0");
        }
        var tracking = Tracking(request.Measures ?? new MeasuresSpec());
        ConfigureTorch();
        byte[]? last = null;
        var outcome = MlpTrainer.Train(data, spec, trainOptions,
            report =>
            {
                last = report.Checkpoint;
                onEpoch(report);
            },
            cancellationToken, resume, validation, tracking);
        if (outcome.DivergedAtEpoch is { } at)
        {
            return new PointCompletion(PointStatus.Diverged, outcome.ParameterCount, null, $"loss became NaN or infinite in epoch {at}");
        }
        var layers = last is null ? null : FinalLayers.Probe(spec, last, data, cancellationToken);
        var weights = WeightMeasures.Of(outcome.Weights);
        return new PointCompletion(PointStatus.Finished, outcome.ParameterCount, weights.EntropyBits, null,
            JsonSerializer.Serialize(new { weights, layers }, MeasuresJson));
    }

    private static LayerTracking Tracking(MeasuresSpec measures) => new(
        measures.SaturationEveryEpoch, measures.InformationPlane, measures.InformationSamples, TrackedSaturationRows);

    private void ConfigureTorch()
    {
        if (Interlocked.Exchange(ref _torchConfigured, 1) == 0 && options.Value.TorchThreads > 0)
        {
            TorchSharp.torch.set_num_threads(options.Value.TorchThreads);
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Measures.Weights;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Batched;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// The real engine: trains the point's MLP or CNN (<see cref="PointModel"/>) with TorchSharp (<see cref="ClassifierTrainer"/>), tracks its layers per
/// epoch as the spec's measures say, and probes the final model's layers. Points of one MLP shape that differ only
/// in their seed can be trained together as one stack (<see cref="BatchedMlpTrainer"/>).
/// </summary>
public sealed class TorchTrainingEngine(IOptions<TrainingSlotOptions> options, IOptions<FinalProbeOptions> finalProbe) : ITrainingEngine, IBatchTrainingEngine
{
    private readonly LayerProbeOptions _finalProbe = finalProbe.Value.ToProbeOptions();

    // Saturation over a fixed subsample of each part: every row costs about half an epoch's training on a
    // 784-256-256-10 MLP; `bench -- tracking` measures this setting (docs/benchmarks.md).
    private const int TrackedSaturationRows = 2048;
    // Stacking pays for small models only: at one torch thread (Training:TorchThreads' default) `bench -- batched`
    // measured 1.3-1.5x at 784-16-16-10 (13k parameters), 1.0-1.1x at 784-64-64-10 (55k) and 0.9x at
    // 784-256-256-10 (270k) on the 2-core machine (docs/benchmarks.md); past about 60k a stack is slower.
    private const long MaxStackedParameters = 60_000;
    private static readonly JsonSerializerOptions BatchKeyJson = new(JsonSerializerDefaults.Web);
    // Torch's thread count is process-wide: set it once per process, never while another silo's training runs.
    private static int _torchConfigured;

    /// <inheritdoc />
    public PointCompletion Train(TrainRequest request, DataSplit data, ResumePoint? resume, Action<EpochReport> onEpoch, CancellationToken cancellationToken)
    {
        var point = request.Point;
        var spec = PointModel.Of(point, data);
        var t = request.Training;
        var trainOptions = Options(request);
        // Early stopping watches the dataset's validation part, so the test part stays unseen.
        var validation = data.Validation.Samples > 0 ? data.Validation : null;
        if (t.EarlyStopping is not null && validation is null)
        {
            throw new ArgumentException("training.earlyStopping needs a validation part: set dataset.validationFraction above 0");
        }
        var tracking = Tracking(request.Measures ?? new MeasuresSpec());
        ConfigureTorch();
        byte[]? last = null;
        var outcome = ClassifierTrainer.Train(data, spec, trainOptions,
            report =>
            {
                last = report.Checkpoint;
                onEpoch(report);
            },
            cancellationToken, resume, validation, tracking);
        return Completion(spec, outcome, last, data, cancellationToken);
    }

    /// <inheritdoc />
    public string? BatchKey(TrainRequest request, DataSplit data)
    {
        var t = request.Training;
        if (request.Point.Conv is not null || t.EarlyStopping is not null
            || TrainingDevice.Resolve(t.TypedDevice).type != TorchSharp.DeviceType.CPU
            || PointModel.Of(request.Point, data).ParameterCount > MaxStackedParameters)
        {
            return null;
        }
        return JsonSerializer.Serialize(new
        {
            request.ExperimentId, request.Dataset, request.Training, request.Measures,
            request.Point.HiddenWidths, request.Point.Activation,
        }, BatchKeyJson);
    }

    /// <inheritdoc />
    public IReadOnlyList<PointCompletion> TrainBatch(IReadOnlyList<TrainRequest> requests, DataSplit data, Action<int, EpochReport> onEpoch, CancellationToken cancellationToken)
    {
        if (requests.Select(r => BatchKey(r, data)).Distinct().Count() != 1 || BatchKey(requests[0], data) is null)
        {
            throw new ArgumentException("only points of one batch key train together", nameof(requests));
        }
        var spec = (MlpSpec)PointModel.Of(requests[0].Point, data);
        ConfigureTorch();
        var last = new byte[requests.Count][];
        var outcomes = BatchedMlpTrainer.Train(data, spec, [.. requests.Select(Options)],
            (member, report) =>
            {
                last[member] = report.Checkpoint;
                onEpoch(member, report);
            },
            cancellationToken, data.Validation.Samples > 0 ? data.Validation : null, Tracking(requests[0].Measures ?? new MeasuresSpec()));
        return [.. outcomes.Select((outcome, member) => Completion(spec, outcome, last[member], data, cancellationToken))];
    }

    private static TrainOptions Options(TrainRequest request)
    {
        var t = request.Training;
        return new TrainOptions(
            t.Epochs, t.TypedOptimizer, t.LearningRate, t.BatchSize, t.Momentum, t.WeightDecay, request.Point.Seed,
            t.EarlyStopping is { } early ? new EarlyStoppingOptions(early.Patience, early.MinDelta) : null,
            t.TypedDevice);
    }

    private PointCompletion Completion(IModelSpec spec, TrainOutcome outcome, byte[]? last, DataSplit data, CancellationToken cancellationToken)
    {
        if (outcome.DivergedAtEpoch is { } at)
        {
            return new PointCompletion(PointStatus.Diverged, outcome.ParameterCount, null, $"loss became NaN or infinite in epoch {at}");
        }
        var measuring = Stopwatch.GetTimestamp();
        var layers = last is null ? null : FinalLayers.Probe(spec, last, data, cancellationToken, _finalProbe);
        var weights = WeightMeasures.Of(outcome.Weights);
        return new PointCompletion(PointStatus.Finished, outcome.ParameterCount, weights.EntropyBits, null,
            new FinalMeasures(weights, layers),
            Phases: new PhaseSeconds(FinalMeasures: Stopwatch.GetElapsedTime(measuring).TotalSeconds));
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

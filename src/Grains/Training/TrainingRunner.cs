using System.Threading.Channels;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Weights;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Checkpoints;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// Runs a grid point's training off the Orleans scheduler: the model trains on a dedicated thread,
/// while an async loop writes each epoch's checkpoint to blob storage and then reports the epoch to
/// the trainer grain, so a reported epoch always has its checkpoint.
/// </summary>
public sealed partial class TrainingRunner(
    DatasetCache datasets,
    CheckpointStore checkpoints,
    IOptions<TrainingSlotOptions> options,
    ILogger<TrainingRunner> logger)
{
    private const double ValidationFraction = 0.1;

    private int _torchConfigured;

    /// <summary>Starts training on the thread pool and a dedicated thread; the returned task ends with the run.</summary>
    public Task RunAsync(TrainRequest request, ResumeFrom? resume, ITrainerGrain reportTo, CancellationToken cancellationToken) =>
        Task.Run(() => RunCoreAsync(request, resume, reportTo, cancellationToken), CancellationToken.None);

    private async Task RunCoreAsync(TrainRequest request, ResumeFrom? resume, ITrainerGrain reportTo, CancellationToken cancellationToken)
    {
        var point = request.Point;
        using var activity = GridTelemetry.Source.StartActivity("grid-point");
        activity?.SetTag("capgrid.experiment", request.ExperimentId);
        activity?.SetTag("capgrid.point", point.PointId);
        activity?.SetTag("capgrid.hidden", string.Join('-', point.HiddenWidths));
        activity?.SetTag("capgrid.seed", point.Seed);
        try
        {
            var data = await datasets.GetAsync(request.Dataset);
            var spec = new MlpSpec(data.Train.FeatureCount, point.HiddenWidths, data.Train.Classes, point.Activation);
            var t = request.Training;
            var trainOptions = new TrainOptions(
                t.Epochs, t.Optimizer, t.LearningRate, t.BatchSize, t.Momentum, t.WeightDecay, point.Seed,
                t.EarlyStopping is { } early ? new EarlyStoppingOptions(early.Patience, early.MinDelta) : null,
                t.Device ?? "auto");
            var (trainData, validation) = t.EarlyStopping is null ? (data, null) : HoldOutValidation(data, request.Dataset.Seed);
            var resumePoint = await LoadResumeAsync(request.ExperimentId, resume, cancellationToken);

            var reports = Channel.CreateBounded<EpochReport>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            var training = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        ConfigureTorch();
                        return MlpTrainer.Train(trainData, spec, trainOptions,
                            report => reports.Writer.WriteAsync(report, cancellationToken).AsTask().GetAwaiter().GetResult(),
                            cancellationToken, resumePoint, validation);
                    }
                    finally
                    {
                        reports.Writer.TryComplete();
                    }
                },
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);

            await foreach (var report in reports.Reader.ReadAllAsync(cancellationToken))
            {
                using var epochActivity = GridTelemetry.Source.StartActivity("epoch");
                epochActivity?.SetTag("capgrid.epoch", report.Epoch);
                epochActivity?.SetTag("capgrid.train_loss", report.TrainLoss);
                epochActivity?.SetTag("capgrid.test_accuracy", report.TestAccuracy);
                string blob;
                using (GridTelemetry.Source.StartActivity("checkpoint-write"))
                {
                    blob = await checkpoints.WriteAsync(request.ExperimentId, point.PointId, report.Epoch, report.Checkpoint, cancellationToken);
                }
                GridTelemetry.Epochs.Add(1);
                GridTelemetry.CheckpointBytes.Add(report.Checkpoint.Length);
                await reportTo.ReportEpochAsync(new EpochMetrics(
                    report.Epoch, report.TrainLoss, report.TrainAccuracy, report.TestLoss, report.TestAccuracy, report.Duration, blob));
            }

            var outcome = await training;
            var bits = outcome.Weights.Sum(w => WeightEntropy.TotalBits(w));
            var completion = outcome.DivergedAtEpoch is { } at
                ? new PointCompletion(PointStatus.Diverged, outcome.ParameterCount, null, $"loss became NaN or infinite in epoch {at}")
                : new PointCompletion(PointStatus.Finished, outcome.ParameterCount, bits, null);
            await reportTo.CompleteAsync(completion);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(point.PointId);
        }
        catch (Exception e)
        {
            LogFailed(e, point.PointId);
            await reportTo.CompleteAsync(new PointCompletion(PointStatus.Failed, 0, null, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    private async Task<ResumePoint?> LoadResumeAsync(string experimentId, ResumeFrom? resume, CancellationToken cancellationToken)
    {
        if (resume is null)
        {
            return null;
        }
        var payload = await checkpoints.ReadAsync(experimentId, resume.CheckpointBlob, cancellationToken)
            ?? throw new InvalidOperationException($"checkpoint {resume.CheckpointBlob} to resume from is missing");
        return new ResumePoint(resume.Epoch, payload);
    }

    // Early stopping watches a validation part held out from the training part (the same one for every point of
    // the dataset), so the test part stays unseen. To be replaced by the dataset's own validation part once
    // DataSplit carries one.
    private static (DataSplit Train, TabularData? Validation) HoldOutValidation(DataSplit data, int datasetSeed)
    {
        var inner = DataSplit.Holdout(data.Train, ValidationFraction, datasetSeed, data.Description);
        return (data with { Train = inner.Train }, inner.Test);
    }

    private void ConfigureTorch()
    {
        if (Interlocked.Exchange(ref _torchConfigured, 1) == 0 && options.Value.TorchThreads > 0)
        {
            TorchSharp.torch.set_num_threads(options.Value.TorchThreads);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training of point {PointId} cancelled")]
    private partial void LogCancelled(string pointId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training of point {PointId} failed")]
    private partial void LogFailed(Exception exception, string pointId);
}

using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using CapacityGrid.Analysis.Training;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Checkpoints;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// Runs a grid point's training off the Orleans scheduler: the <see cref="ITrainingEngine"/> trains on a
/// dedicated thread while the point holds a slot, while an async loop writes each epoch's checkpoint to blob storage and then reports the epoch to
/// the trainer grain, so a reported epoch always has its checkpoint.
/// </summary>
public sealed partial class TrainingRunner(
    DatasetCache datasets,
    CheckpointStore checkpoints,
    SlotPool slots,
    ITrainingEngine engine,
    ILogger<TrainingRunner> logger)
{
    private static readonly JsonSerializerOptions MeasuresJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Starts training on the thread pool and a dedicated thread; the returned task ends with the run. It resumes
    /// from the newest intact checkpoint of <paramref name="resume"/> (newest first; empty: from scratch).
    /// </summary>
    public Task RunAsync(TrainRequest request, IReadOnlyList<ResumeFrom> resume, TrainerReporter reportTo, CancellationToken cancellationToken) =>
        Task.Run(() => RunCoreAsync(request, resume, reportTo, cancellationToken), CancellationToken.None);

    private async Task RunCoreAsync(TrainRequest request, IReadOnlyList<ResumeFrom> resume, TrainerReporter reportTo, CancellationToken cancellationToken)
    {
        var point = request.Point;
        // The point's span joins the experiment's trace, whichever grain call happened to start it.
        ActivityContext.TryParse(request.TraceParent, null, out var parent);
        using var activity = GridTelemetry.Source.StartActivity("grid-point", ActivityKind.Internal, parent);
        activity?.SetTag("capgrid.experiment", request.ExperimentId);
        activity?.SetTag("capgrid.point", point.PointId);
        activity?.SetTag("capgrid.hidden", string.Join('-', point.HiddenWidths));
        activity?.SetTag("capgrid.seed", point.Seed);
        var slot = default(IDisposable);
        try
        {
            slot = await slots.AcquireAsync(request.ExperimentId, cancellationToken);
            // Told without waiting: the point starts training at once and the report travels meanwhile.
            var acquired = reportTo.SlotAcquiredAsync();
            var data = await datasets.GetAsync(request.Dataset);
            var resumePoint = await LoadResumeAsync(request.ExperimentId, point.PointId, resume, cancellationToken);

            var reports = Channel.CreateBounded<EpochReport>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            var training = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        return engine.Train(request, data, resumePoint,
                            report => reports.Writer.WriteAsync(report, cancellationToken).AsTask().GetAwaiter().GetResult(),
                            cancellationToken);
                    }
                    finally
                    {
                        // The slot bounds the computing, not the bookkeeping: the next point starts while this
                        // one's last checkpoint and reports are still being written.
                        slot.Dispose();
                        reports.Writer.TryComplete();
                    }
                },
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            await acquired;

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
                GridTelemetry.Samples.Add(data.Train.Samples);
                GridTelemetry.CheckpointBytes.Add(report.Checkpoint.Length);
                await reportTo.ReportEpochAsync(new EpochMetrics(
                    report.Epoch, report.TrainLoss, report.TrainAccuracy, report.TestLoss, report.TestAccuracy, report.Duration, blob,
                    report.Layers is null ? null : JsonSerializer.Serialize(report.Layers, MeasuresJson)));
            }

            await reportTo.CompleteAsync(await training);
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
        finally
        {
            slot?.Dispose();
        }
    }

    // A corrupt or missing checkpoint is skipped with a warning naming it: the run falls back to the one before
    // (retraining the epoch it held; training is deterministic by seed, so the result is the same), or starts over.
    private async Task<ResumePoint?> LoadResumeAsync(string experimentId, string pointId, IReadOnlyList<ResumeFrom> resume, CancellationToken cancellationToken)
    {
        if (resume.Count == 0)
        {
            return null;
        }
        var read = await checkpoints.ReadNewestIntactAsync(
            experimentId, [.. resume.Select(r => r.CheckpointBlob)], (blob, problem) => LogCheckpointSkipped(blob, pointId, problem), cancellationToken);
        if (read is not { } found)
        {
            LogStartingOver(pointId);
            return null;
        }
        return new ResumePoint(resume[found.Index].Epoch, found.Payload);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint {Blob} of point {PointId} cannot be used ({Problem}); falling back to the previous checkpoint")]
    private partial void LogCheckpointSkipped(string blob, string pointId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No intact checkpoint of point {PointId}: training it from the start")]
    private partial void LogStartingOver(string pointId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training of point {PointId} cancelled")]
    private partial void LogCancelled(string pointId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training of point {PointId} failed")]
    private partial void LogFailed(Exception exception, string pointId);
}

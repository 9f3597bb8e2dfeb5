using System.Diagnostics;
using System.Threading.Channels;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Checkpoints;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// Runs a grid point's training off the Orleans scheduler: the <see cref="ITrainingEngine"/> trains on a
/// dedicated thread while the point holds a slot, while an async loop writes each epoch's checkpoint to blob storage and then reports the epoch to
/// the trainer grain, so a reported epoch always has its checkpoint (with <see cref="TrainingSpec.CheckpointEvery"/> k,
/// only every k-th epoch and the run's last have one; the others are reported with an empty blob name). A point from scratch that gets a slot takes
/// waiting points of its <see cref="IBatchTrainingEngine.BatchKey"/> off the <see cref="BatchBoard"/> (up to
/// <see cref="TrainingSlotOptions.MaxBatchedPoints"/> in all) and trains them with it as one stack; each taken
/// point's own run still writes its checkpoints and reports to its own grain.
/// </summary>
public sealed partial class TrainingRunner(
    DatasetCache datasets,
    CheckpointStore checkpoints,
    SlotPool slots,
    ITrainingEngine engine,
    BatchBoard board,
    IOptions<TrainingSlotOptions> options,
    TimeProvider time,
    NativeWork work,
    ILogger<TrainingRunner> logger)
{
    /// <summary>
    /// Starts training on the thread pool and a dedicated thread; the returned task ends with the run. It resumes
    /// from the newest intact checkpoint of <paramref name="resume"/> (newest first; empty: from scratch).
    /// </summary>
    internal Task RunAsync(TrainRequest request, IReadOnlyList<ResumeFrom> resume, TrainerReporter reportTo, CancellationToken cancellationToken) =>
        work.Track(Task.Run(() => RunCoreAsync(request, resume, reportTo, cancellationToken), CancellationToken.None));

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
        var phases = new PointPhases(time);
        try
        {
            // A point from scratch that could share a stack also waits on the board, where a run of its kind
            // that gets a slot first can take it.
            var batching = resume.Count == 0 && options.Value.MaxBatchedPoints > 1 ? engine as IBatchTrainingEngine : null;
            string? key = null;
            if (batching is not null)
            {
                using (phases.Measure(PointPhases.DataLoad))
                {
                    key = batching.BatchKey(request, await datasets.GetAsync(request.Dataset));
                }
            }
            BatchSeat? seat = null;
            using (phases.Measure(PointPhases.SlotWait))
            {
                if (key is null)
                {
                    slot = await slots.AcquireAsync(request.ExperimentId, cancellationToken);
                }
                else
                {
                    (slot, seat) = await SlotOrSeatAsync(request.ExperimentId, board.Post(key, request, cancellationToken), cancellationToken);
                }
            }
            // Told without waiting: the point starts training at once and the report travels meanwhile.
            var acquired = reportTo.SlotAcquiredAsync();
            DataSplit data;
            using (phases.Measure(PointPhases.DataLoad))
            {
                data = await datasets.GetAsync(request.Dataset);
            }
            if (seat is not null)
            {
                // Trained in another run's stack: that run's slot computes, this run records the point's epochs.
                activity?.SetTag("capgrid.batched_with", seat.BatchedWith);
                await acquired;
                await DrainAsync(request, data, seat.Reports.Reader, reportTo, phases, cancellationToken);
                var seated = await seat.Completion.Task;
                using (phases.Measure(PointPhases.Report))
                {
                    await reportTo.CompleteAsync(WithPhases(seated, phases));
                }
                return;
            }
            var taken = key is null ? [] : board.Take(key, options.Value.MaxBatchedPoints - 1);
            var reports = Channel.CreateBounded<EpochReport>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            Task<PointCompletion> training;
            if (taken.Count > 0)
            {
                activity?.SetTag("capgrid.batched_with", taken.Count + 1);
                LogBatched(point.PointId, taken.Count + 1);
                GridTelemetry.PointsBatched.Add(taken.Count + 1);
                training = StartBatch(request, reports, taken, data, slot!, phases, cancellationToken);
                slot = null;
            }
            else
            {
                ResumePoint? resumePoint;
                using (phases.Measure(PointPhases.ResumeLoad))
                {
                    resumePoint = await LoadResumeAsync(request.ExperimentId, point.PointId, resume, cancellationToken);
                }
                var lease = slot!;
                training = Task.Factory.StartNew(
                    () =>
                    {
                        try
                        {
                            using var timing = phases.Measure(PointPhases.Training);
                            return engine.Train(request, data, resumePoint,
                                report => reports.Writer.WriteAsync(report, cancellationToken).AsTask().GetAwaiter().GetResult(),
                                cancellationToken);
                        }
                        finally
                        {
                            // The slot bounds the computing, not the bookkeeping: the next point starts while this
                            // one's last checkpoint and reports are still being written.
                            lease.Dispose();
                            reports.Writer.TryComplete();
                        }
                    },
                    cancellationToken,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
            }
            await acquired;
            await DrainAsync(request, data, reports.Reader, reportTo, phases, cancellationToken);
            var completion = await training;
            using (phases.Measure(PointPhases.Report))
            {
                await reportTo.CompleteAsync(WithPhases(completion, phases));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(point.PointId);
        }
        catch (SiloUnavailableException e)
        {
            // The silo that hosts the trainer is going away (Ctrl-C, a deploy): the point has not failed, and a
            // failure report could not be delivered anyway; it continues from its last checkpoint when the
            // experiment resumes.
            LogSiloLeft(point.PointId, e.Message.Split('\n')[0]);
        }
        catch (Exception e)
        {
            var permanent = TrainingFailure.IsPermanent(e);
            var error = TrainingFailure.OneLine(e);
            // One line per failure; the stack trace only at debug level.
            if (permanent)
            {
                LogFailedForGood(point.PointId, error);
            }
            else
            {
                LogFailed(point.PointId, error);
            }
            LogFailureTrace(e, point.PointId);
            await reportTo.CompleteAsync(new PointCompletion(PointStatus.Failed, 0, null, error, Permanent: permanent, Phases: phases.ToSeconds()));
        }
        finally
        {
            slot?.Dispose();
            phases.Tag(activity);
        }
    }

    // The engine times the final measures (of this point, also in a stack); the run adds them to its own phases.
    private static PointCompletion WithPhases(PointCompletion completion, PointPhases phases)
    {
        if (completion.Phases is { FinalMeasures: > 0 } engine)
        {
            phases.Add(PointPhases.FinalMeasures, TimeSpan.FromSeconds(engine.FinalMeasures));
        }
        return completion with { Phases = phases.ToSeconds() };
    }

    // Waits for a slot, unless another run takes the point into its stack first; exactly one of the two.
    private async Task<(IDisposable? Slot, BatchSeat? Seat)> SlotOrSeatAsync(string experimentId, BatchCandidate candidate, CancellationToken cancellationToken)
    {
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var acquiring = slots.AcquireAsync(experimentId, stopWaiting.Token);
        await Task.WhenAny(acquiring, candidate.Taken.Task);
        if (!candidate.Taken.Task.IsCompleted && board.Withdraw(candidate))
        {
            return (await acquiring, null);
        }
        // Taken: the stack's slot serves this point, so a slot granted meanwhile goes straight back.
        await stopWaiting.CancelAsync();
        _ = acquiring.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        return (null, await candidate.Taken.Task);
    }

    // Trains this run's point and the taken ones as one stack on a dedicated thread that holds the slot. Each
    // member's epochs go to its own run (which writes its checkpoints and reports to its own grain); the stack
    // stops only when every member's run was cancelled, and a cancelled member's epochs are dropped.
    private Task<PointCompletion> StartBatch(
        TrainRequest request, Channel<EpochReport> own, IReadOnlyList<(BatchCandidate Candidate, BatchSeat Seat)> taken,
        DataSplit data, IDisposable slot, PointPhases phases, CancellationToken cancellationToken)
    {
        var batching = (IBatchTrainingEngine)engine;
        TrainRequest[] requests = [request, .. taken.Select(t => t.Candidate.Request)];
        ChannelWriter<EpochReport>[] writers = [own.Writer, .. taken.Select(t => t.Seat.Reports.Writer)];
        CancellationToken[] tokens = [cancellationToken, .. taken.Select(t => t.Candidate.CancellationToken)];
        return Task.Factory.StartNew(
            () =>
            {
                using var all = new CancellationTokenSource();
                var running = tokens.Length;
                var registrations = tokens.Select(t => t.Register(() =>
                {
                    if (Interlocked.Decrement(ref running) == 0)
                    {
                        all.Cancel();
                    }
                })).ToArray();
                try
                {
                    using var timing = phases.Measure(PointPhases.Training);
                    var completions = batching.TrainBatch(requests, data,
                        (member, report) =>
                        {
                            try
                            {
                                writers[member].WriteAsync(report, tokens[member]).AsTask().GetAwaiter().GetResult();
                            }
                            catch (OperationCanceledException) when (tokens[member].IsCancellationRequested)
                            {
                                // That member's run stopped: nobody records its epochs any more.
                            }
                        },
                        all.Token);
                    for (var i = 0; i < taken.Count; i++)
                    {
                        taken[i].Seat.Completion.TrySetResult(completions[i + 1] with { BatchedWith = requests.Length });
                    }
                    return completions[0] with { BatchedWith = requests.Length };
                }
                catch (Exception e)
                {
                    foreach (var (_, seat) in taken)
                    {
                        seat.Completion.TrySetException(e);
                    }
                    throw;
                }
                finally
                {
                    foreach (var registration in registrations)
                    {
                        registration.Dispose();
                    }
                    slot.Dispose();
                    foreach (var writer in writers)
                    {
                        writer.TryComplete();
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    // Writes each epoch's checkpoint to blob storage (or every k-th, see CheckpointEpochs), then reports the epoch to the trainer grain.
    private async Task DrainAsync(
        TrainRequest request, DataSplit data, ChannelReader<EpochReport> reports, TrainerReporter reportTo, PointPhases phases, CancellationToken cancellationToken)
    {
        await foreach (var (report, checkpointed) in CheckpointEpochs(reports.ReadAllAsync(cancellationToken), request.Training.CheckpointEvery ?? 1))
        {
            using var epochActivity = GridTelemetry.Source.StartActivity("epoch");
            epochActivity?.SetTag("capgrid.epoch", report.Epoch);
            epochActivity?.SetTag("capgrid.train_loss", report.TrainLoss);
            epochActivity?.SetTag("capgrid.test_accuracy", report.TestAccuracy);
            var blob = "";
            if (checkpointed)
            {
                using (GridTelemetry.Source.StartActivity("checkpoint-write"))
                using (phases.Measure(PointPhases.CheckpointWrite))
                {
                    blob = await checkpoints.WriteAsync(request.ExperimentId, request.Point.PointId, report.Epoch, report.Checkpoint, cancellationToken);
                }
            }
            if (report.Phases is { } split)
            {
                // The training thread's own split of the epoch.
                phases.Add(PointPhases.TrainingSteps, split.TrainingSteps);
                phases.Add(PointPhases.Evaluation, split.Evaluation);
                phases.Add(PointPhases.LayerMeasures, split.LayerMeasures);
            }
            GridTelemetry.Epochs.Add(1);
            GridTelemetry.Samples.Add(data.Train.Samples);
            GridTelemetry.CheckpointBytes.Add(checkpointed ? report.Checkpoint.Length : 0);
            using (phases.Measure(PointPhases.Report))
            {
                await reportTo.ReportEpochAsync(new EpochMetrics(
                    report.Epoch, report.TrainLoss, report.TrainAccuracy, report.TestLoss, report.TestAccuracy, report.Duration, blob,
                    report.Layers), phases.ToSeconds());
            }
        }
    }

    // Each epoch with whether its checkpoint is written: every epoch for k = 1; else every k-th and the run's last. An
    // epoch then waits for the next: only that shows it is not the last (early stopping, divergence or a failure can
    // end a run early). A cancelled run's held epoch is dropped: it was not recorded, so a resume redoes it.
    private static async IAsyncEnumerable<(EpochReport Report, bool Checkpointed)> CheckpointEpochs(IAsyncEnumerable<EpochReport> reports, int every)
    {
        EpochReport? held = null;
        await foreach (var report in reports)
        {
            if (every == 1)
            {
                yield return (report, true);
                continue;
            }
            if (held is not null)
            {
                yield return (held, held.Epoch % every == 0);
            }
            held = report;
        }
        if (held is not null)
        {
            yield return (held, true);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Point {PointId} trains {Count} points as one stack")]
    private partial void LogBatched(string pointId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training of point {PointId} cancelled")]
    private partial void LogCancelled(string pointId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training of point {PointId} failed and is not retried (another attempt would fail the same way): {Error}")]
    private partial void LogFailedForGood(string pointId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training of point {PointId} failed: {Error}")]
    private partial void LogFailed(string pointId, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Training of point {PointId} failed here")]
    private partial void LogFailureTrace(Exception exception, string pointId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training of point {PointId} stopped with its silo ({Reason}); it continues from its last checkpoint")]
    private partial void LogSiloLeft(string pointId, string reason);
}

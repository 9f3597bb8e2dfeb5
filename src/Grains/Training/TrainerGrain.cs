using System.Text.Json;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Experiments;
using CapacityGrid.Grains.Placement;
using CapacityGrid.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// Trains one grid point. Its turns only record state: the training itself runs in the
/// <see cref="TrainingRunner"/>, which calls back with each epoch and with the end. An activation that
/// finds its point running without a run of its own (its silo died) resumes from the last checkpoint.
/// </summary>
[Immovable]
[TrainingPlacement]
public sealed class TrainerGrain(
    [PersistentState("trainer", StorageNames.GrainState)] IPersistentState<TrainerState> state,
    TrainingRunner runner,
    IOptions<TrainingSlotOptions> options) : Grain, ITrainerGrain, ITrainerRunGrain
{
    private CancellationTokenSource? _cancel;
    private Task? _run;
    private IGrainTimer? _retry;
    private FinalMeasures? _measures;

    // The stored state keeps the final measures as JSON text, as it always has: points stored before still read
    // back, and the storage's reference-keeping serializer never walks the measure records (whose train and test
    // probes share one KernelWidths). Parsed once per activation.
    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    private FinalMeasures? Measures => _measures ??=
        state.State.MeasuresJson is { } json ? JsonSerializer.Deserialize<FinalMeasures>(json, StoredJson) : null;

    private bool Ended => state.State.Status.IsEnded();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State is { Status: PointStatus.Running, Request: not null })
        {
            await LaunchAsync();
        }
    }

    /// <inheritdoc />
    public async Task<PointStatus> StartAsync(TrainRequest request)
    {
        if (Ended || _run is { IsCompleted: false })
        {
            return state.State.Status;
        }
        state.State.Request = request;
        state.State.Status = PointStatus.Running;
        await LaunchAsync();
        return PointStatus.Running;
    }

    /// <inheritdoc />
    public async Task<PointStatus> EnsureRunningAsync()
    {
        if (state.State is { Status: PointStatus.Running, Request: not null } && _run is null or { IsCompleted: true })
        {
            await LaunchAsync();
        }
        return state.State.Status;
    }

    /// <inheritdoc />
    public async Task CancelAsync()
    {
        if (Ended)
        {
            return;
        }
        state.State.Status = PointStatus.Cancelled;
        await state.WriteStateAsync();
        _cancel?.Cancel();
    }

    /// <inheritdoc />
    public Task SlotAcquiredAsync(int attempt) =>
        state.State.Request is { } request && !Ended && attempt == state.State.Attempts
            ? GrainFactory.GetGrain<IExperimentProgressGrain>(request.ExperimentId).PointTrainingAsync(request.Point.PointId)
            : Task.CompletedTask;

    /// <inheritdoc />
    public Task<PointResult> GetResultAsync()
    {
        var s = state.State;
        var point = s.Request?.Point;
        return Task.FromResult(new PointResult(
            point?.PointId ?? this.GetPrimaryKeyString(),
            point?.HiddenWidths ?? [],
            point?.Seed ?? 0,
            s.Status,
            s.ParameterCount,
            s.Epochs.ToArray(),
            s.WeightEntropyBits,
            s.Error,
            Measures,
            s.Attempts,
            s.EpochsTrained,
            s.RunStartEpochs.ToArray(),
            s.Completions,
            s.BatchedWith,
            s.TotalPhases()));
    }

    /// <inheritdoc />
    public async Task ReportEpochAsync(EpochMetrics metrics, PhaseSeconds runPhases, int attempt)
    {
        if (Ended || attempt != state.State.Attempts)
        {
            return;
        }
        state.State.RecordPhases(runPhases, attempt);
        if (attempt != state.State.ReportingAttempt)
        {
            // A run's first epoch: record where it started, for the point's history.
            state.State.ReportingAttempt = attempt;
            state.State.RunStartEpochs.Add(metrics.Epoch - 1);
        }
        // After an interruption the run resumes from the last checkpoint: keep one entry per epoch.
        state.State.Epochs.RemoveAll(e => e.Epoch >= metrics.Epoch);
        state.State.Epochs.Add(metrics);
        state.State.EpochsTrained++;
        // The last planned epoch is written with the completion that follows it: a crash in between redoes
        // that one epoch (its checkpoint is already stored), as a crash during it would. An epoch without a
        // checkpoint (training.checkpointEvery) is written with the next one that has one: a resume starts there anyway.
        if ((state.State.Request is not { } request || metrics.Epoch < request.Training.Epochs) && metrics.CheckpointBlob.Length > 0)
        {
            await state.WriteStateAsync();
        }
        if (state.State.Request is { } point)
        {
            await GrainFactory.GetGrain<IExperimentProgressGrain>(point.ExperimentId).EpochDoneAsync(point.Point.PointId, metrics.Epoch);
        }
    }

    /// <inheritdoc />
    public async Task CompleteAsync(PointCompletion completion, int attempt)
    {
        if (Ended || attempt != state.State.Attempts)
        {
            return;
        }
        // A deterministic failure would fail the same way again: only a fault that can pass is retried.
        if (completion is { Status: PointStatus.Failed, Permanent: false } && state.State.Failures + 1 < options.Value.MaxAttempts)
        {
            if (completion.Phases is { } failedRun)
            {
                state.State.RecordPhases(failedRun, attempt);
            }
            await RetryLaterAsync(completion.Error);
            return;
        }
        state.State.Status = completion.Status;
        state.State.Completions++;
        state.State.ParameterCount = completion.ParameterCount;
        state.State.WeightEntropyBits = completion.WeightEntropyBits;
        state.State.Error = completion.Error;
        state.State.MeasuresJson = completion.Measures is null ? null : JsonSerializer.Serialize(completion.Measures, StoredJson);
        _measures = completion.Measures;
        state.State.BatchedWith = completion.BatchedWith;
        if (completion.Phases is { } phases)
        {
            state.State.RecordPhases(phases, attempt);
        }
        await state.WriteStateAsync();
        if (state.State.Request is { } request)
        {
            await GrainFactory.GetGrain<IExperimentProgressGrain>(request.ExperimentId).PointEndedAsync(request.Point.PointId, completion.Status);
        }
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The point stays Running in storage: the next activation resumes it from its last checkpoint.
        _cancel?.Cancel();
        _cancel?.Dispose();
        return Task.CompletedTask;
    }

    // A failed run is tried again from the last checkpoint after a delay that doubles with each failure; the
    // point stays Running (the experiment sees no change) and keeps the last error for the record.
    private async Task RetryLaterAsync(string? error)
    {
        state.State.Failures++;
        state.State.Error = error;
        await state.WriteStateAsync();
        var delay = options.Value.RetryDelay * Math.Pow(2, state.State.Failures - 1);
        _retry?.Dispose();
        var failedAttempt = state.State.Attempts;
        _retry = this.RegisterGrainTimer(async () =>
        {
            _retry?.Dispose();
            _retry = null;
            // Nothing relaunched it in the meantime (a liveness check may have): start the next attempt.
            if (state.State.Status == PointStatus.Running && state.State.Attempts == failedAttempt)
            {
                await LaunchAsync();
            }
        }, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task LaunchAsync()
    {
        state.State.Attempts++;
        await state.WriteStateAsync();
        // Every checkpointed epoch, newest first: the run falls back past any that is corrupt or missing.
        var resume = state.State.Epochs.Where(e => e.CheckpointBlob.Length > 0).Select(e => new ResumeFrom(e.Epoch, e.CheckpointBlob)).Reverse().ToArray();
        _cancel?.Dispose();
        _cancel = new CancellationTokenSource();
        _run = runner.RunAsync(state.State.Request!, resume, new TrainerReporter(this.AsReference<ITrainerRunGrain>(), state.State.Attempts), _cancel.Token);
    }
}

using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Hosting;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// Trains one grid point. Its turns only record state: the training itself runs in the
/// <see cref="TrainingRunner"/>, which calls back with each epoch and with the end.
/// </summary>
public sealed class TrainerGrain(
    [PersistentState("trainer", StorageNames.GrainState)] IPersistentState<TrainerState> state,
    TrainingRunner runner) : Grain, ITrainerGrain
{
    private CancellationTokenSource? _cancel;
    private Task? _run;

    /// <inheritdoc />
    public async Task<PointStatus> StartAsync(TrainRequest request)
    {
        if (state.State.Status is PointStatus.Finished or PointStatus.Diverged or PointStatus.Failed)
        {
            return state.State.Status;
        }
        if (_run is { IsCompleted: false })
        {
            return PointStatus.Running;
        }
        state.State.Request = request;
        state.State.Status = PointStatus.Running;
        await state.WriteStateAsync();

        var last = state.State.Epochs.LastOrDefault();
        var resume = last is null ? null : new ResumeFrom(last.Epoch, last.CheckpointBlob);
        _cancel = new CancellationTokenSource();
        _run = runner.RunAsync(request, resume, this.AsReference<ITrainerGrain>(), _cancel.Token);
        return PointStatus.Running;
    }

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
            s.MeasuresJson));
    }

    /// <inheritdoc />
    public async Task ReportEpochAsync(EpochMetrics metrics)
    {
        // A report may arrive twice if a run was restarted; keep one entry per epoch.
        state.State.Epochs.RemoveAll(e => e.Epoch >= metrics.Epoch);
        state.State.Epochs.Add(metrics);
        await state.WriteStateAsync();
        if (state.State.Request is { } request)
        {
            await GrainFactory.GetGrain<IExperimentGrain>(request.ExperimentId).EpochDoneAsync(request.Point.PointId, metrics.Epoch);
        }
    }

    /// <inheritdoc />
    public async Task CompleteAsync(PointCompletion completion)
    {
        state.State.Status = completion.Status;
        state.State.ParameterCount = completion.ParameterCount;
        state.State.WeightEntropyBits = completion.WeightEntropyBits;
        state.State.Error = completion.Error;
        state.State.MeasuresJson = completion.MeasuresJson;
        await state.WriteStateAsync();
        if (state.State.Request is { } request)
        {
            await GrainFactory.GetGrain<IExperimentGrain>(request.ExperimentId).PointEndedAsync(request.Point.PointId, completion.Status);
        }
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
        return Task.CompletedTask;
    }
}

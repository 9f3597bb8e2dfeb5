using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Experiments;

/// <summary>
/// Fans an experiment's points out to trainer grains, at most <see cref="TrainingSlotOptions.Slots"/>
/// at a time, starting the next queued point as each one ends.
/// </summary>
public sealed class ExperimentGrain(
    [PersistentState("experiment", StorageNames.GrainState)] IPersistentState<ExperimentGrainState> state,
    IOptions<TrainingSlotOptions> slots) : Grain, IExperimentGrain
{
    private int _epochsSinceWrite;

    private ExperimentGrainState S => state.State;

    /// <inheritdoc />
    public async Task<ExperimentStatus> StartAsync(ExperimentSpec spec)
    {
        if (S.Spec is not null)
        {
            if (SpecParser.ToJson(S.Spec) != SpecParser.ToJson(spec))
            {
                throw new InvalidOperationException($"experiment '{this.GetPrimaryKeyString()}' already exists with a different spec");
            }
            await StartQueuedAsync();
            return Status();
        }
        S.Spec = spec;
        S.Points = [.. GridPlanner.Expand(spec)];
        using (var activity = GridTelemetry.Source.StartActivity("experiment"))
        {
            activity?.SetTag("capgrid.experiment", this.GetPrimaryKeyString());
            activity?.SetTag("capgrid.name", spec.Name);
            activity?.SetTag("capgrid.points", S.Points.Count);
            S.TraceParent = activity?.Id;
        }
        await state.WriteStateAsync();
        await StartQueuedAsync();
        return Status();
    }

    /// <inheritdoc />
    public Task<ExperimentSpec?> GetSpecAsync() => Task.FromResult(S.Spec);

    /// <inheritdoc />
    public Task<ExperimentStatus> GetStatusAsync() => Task.FromResult(Status());

    /// <inheritdoc />
    public Task<IReadOnlyList<GridPoint>> GetPointsAsync() => Task.FromResult<IReadOnlyList<GridPoint>>(S.Points.ToArray());

    /// <inheritdoc />
    public Task EpochDoneAsync(string pointId, int epoch)
    {
        if (S.Running.Contains(pointId))
        {
            _epochsSinceWrite++;
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task PointEndedAsync(string pointId, PointStatus status)
    {
        if (!S.Running.Remove(pointId))
        {
            return;
        }
        Count(status);
        await StartQueuedAsync();
    }

    private async Task StartQueuedAsync()
    {
        var spec = S.Spec!;
        var id = this.GetPrimaryKeyString();
        while (S.Running.Count < slots.Value.Slots && S.NextIndex < S.Points.Count)
        {
            var point = S.Points[S.NextIndex++];
            var request = new TrainRequest(id, point, spec.Dataset, spec.Training, S.TraceParent);
            var status = await GrainFactory.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, point.PointId)).StartAsync(request);
            if (status == PointStatus.Running)
            {
                S.Running.Add(point.PointId);
            }
            else
            {
                Count(status);
            }
        }
        S.EpochsDone += _epochsSinceWrite;
        _epochsSinceWrite = 0;
        await state.WriteStateAsync();
    }

    private void Count(PointStatus status)
    {
        switch (status)
        {
            case PointStatus.Finished: S.Finished++; break;
            case PointStatus.Diverged: S.Diverged++; break;
            default: S.Failed++; break;
        }
    }

    private ExperimentStatus Status()
    {
        var total = S.Points.Count;
        var ended = S.Finished + S.Failed + S.Diverged;
        var state = S.Spec is null ? ExperimentState.Unknown : ended == total ? ExperimentState.Completed : ExperimentState.Running;
        return new ExperimentStatus(
            this.GetPrimaryKeyString(), state, total, total - S.NextIndex, S.Running.Count,
            S.Finished, S.Failed, S.Diverged,
            S.EpochsDone + _epochsSinceWrite, total * (S.Spec?.Training.Epochs ?? 0));
    }
}

using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Registry;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Analysis;
using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Placement;
using CapacityGrid.Grains.Sizing;
using CapacityGrid.Grains.Storage;
using CapacityGrid.Grains.Training;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Experiments;

/// <summary>
/// Fans an experiment's points out to trainer grains, at most <see cref="TrainingSlotOptions.PointsInFlight"/>
/// at a time (they queue for slots on their silos), starting the next point as each one ends. While points
/// run, a timer asks them to keep running (reviving those whose silo died) and a reminder brings the
/// experiment itself back after its own silo died or the cluster restarted.
/// </summary>
public sealed class ExperimentGrain(
    [PersistentState("experiment", StorageNames.GrainState)] IPersistentState<ExperimentGrainState> state,
    IOptions<TrainingSlotOptions> options,
    TimeProvider time,
    IClusterMembershipService membership,
    ISiloMetadataCache siloMetadata,
    GridSizeCheck sizeCheck,
    ILogger<ExperimentGrain> logger) : Grain, IExperimentGrain, IExperimentProgressGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";
    private const int CheckFanOut = 32;
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    // While points end in quick succession, the state (which holds every point) is written at most this often.
    private static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);
    private readonly HashSet<string> _training = [];
    private int _epochsSinceWrite;
    private IGrainTimer? _liveness;
    private IGrainTimer? _flush;
    private long _lastWrite;

    private ExperimentGrainState S => state.State;

    private bool Active => S.Spec is not null && !S.IsCancelled && (S.Finished + S.Failed + S.Diverged + S.Cancelled < S.Points.Count || RefinementPending);

    private bool RefinementPending => S.Spec?.Search is { IsAdaptive: true } && !S.SearchDone;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Before this activation answers anything, so a client that asked for the status next finds the map.
        if (await CatchUpAnalysisAsync())
        {
            await state.WriteStateAsync();
        }
        if (Active)
        {
            StartLivenessChecks();
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_flush is not null)
        {
            await WriteAsync();
        }
    }

    /// <inheritdoc />
    public async Task<ExperimentStatus> StartAsync(ExperimentSpec spec)
    {
        // The key names blob containers: a client that skipped the CLI's check must not reach another's blobs.
        ExperimentIds.EnsureValid(this.GetPrimaryKeyString());
        if (S.Spec is not null)
        {
            if (SpecParser.ToJson(S.Spec) != SpecParser.ToJson(spec))
            {
                throw new InvalidOperationException($"experiment '{this.GetPrimaryKeyString()}' already exists with a different spec");
            }
            await HandAnalysisAsync();
            await StartQueuedAsync();
            return Status();
        }
        RefuseUnservedDevice(spec);
        await RefuseOversizedAsync(spec);
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
        await GrainFactory.GetGrain<IExperimentRegistryGrain>(0).AddAsync(
            new ExperimentEntry(this.GetPrimaryKeyString(), spec.Name, S.Points.Count, time.GetUtcNow()));
        await this.RegisterOrUpdateReminder(KeepAliveReminder, ReminderPeriod, ReminderPeriod);
        StartLivenessChecks();
        await HandAnalysisAsync();
        await StartQueuedAsync();
        return Status();
    }

    // The analysis builds the map from what it is handed and never asks back. Handing also starts the dataset measures,
    // which take a minute or two on a large dataset: they start with the experiment, beside its training, rather than
    // when the capacity map is first read. Awaited, so the map is there when StartAsync returns.
    private async Task HandAnalysisAsync()
    {
        await GrainFactory.GetGrain<IAnalysisInputGrain>(this.GetPrimaryKeyString()).PrepareAsync(S.Spec!, S.Points.ToArray());
        S.AnalysisPoints = S.Points.Count;
    }

    // Points the analysis lacks (an adaptive round's, a hand-off that failed, an experiment stored before hand-offs) are
    // handed at the next chance; a failure is tried again at the next liveness check or activation. True if it handed
    // them: the caller writes the state, so a later activation does not hand them again.
    private async Task<bool> CatchUpAnalysisAsync()
    {
        if (S.Spec is null || S.AnalysisPoints == S.Points.Count)
        {
            return false;
        }
        try
        {
            await HandAnalysisAsync();
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Experiment {ExperimentId} could not hand its analysis its points; trying again later", this.GetPrimaryKeyString());
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<ExperimentStatus> CancelAsync()
    {
        if (!Active)
        {
            return Status();
        }
        S.IsCancelled = true;
        foreach (var chunk in S.Running.Chunk(CheckFanOut))
        {
            await Task.WhenAll(chunk.Select(id => Trainer(id).CancelAsync()));
        }
        S.Cancelled += S.Running.Count + (S.Points.Count - S.NextIndex);
        S.NextIndex = S.Points.Count;
        S.Running.Clear();
        _training.Clear();
        await WriteAsync(); // with the epochs counted since the last write, which a later activation would not see
        await StopKeepingAliveAsync();
        return Status();
    }

    /// <inheritdoc />
    public Task<ExperimentSpec?> GetSpecAsync() => Task.FromResult(S.Spec);

    /// <inheritdoc />
    public Task<ExperimentStatus> GetStatusAsync() => Task.FromResult(Status());

    /// <inheritdoc />
    public Task<IReadOnlyList<GridPoint>> GetPointsAsync() => Task.FromResult<IReadOnlyList<GridPoint>>(S.Points.ToArray());

    /// <inheritdoc />
    public Task PointTrainingAsync(string pointId)
    {
        if (S.Running.Contains(pointId))
        {
            _training.Add(pointId);
        }
        return Task.CompletedTask;
    }

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
        _training.Remove(pointId);
        Count(status);
        await StartQueuedAsync();
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        Active ? CheckLivenessAsync(CancellationToken.None) : StopKeepingAliveAsync();

    private void StartLivenessChecks() =>
        _liveness ??= this.RegisterGrainTimer(CheckLivenessAsync, new GrainTimerCreationOptions(options.Value.LivenessCheck, options.Value.LivenessCheck)
        {
            Interleave = false,
            KeepAlive = true,
        });

    // Asks every running point to keep training: a trainer whose silo died is re-activated elsewhere and
    // resumes from its last checkpoint. A point that ended while its report was lost is counted here.
    private async Task CheckLivenessAsync(CancellationToken cancellationToken)
    {
        if (!Active)
        {
            await StopKeepingAliveAsync();
            return;
        }
        var ended = new List<(string Id, PointStatus Status)>();
        foreach (var chunk in S.Running.ToArray().Chunk(CheckFanOut))
        {
            var statuses = await Task.WhenAll(chunk.Select(id => Trainer(id).EnsureRunningAsync()));
            ended.AddRange(chunk.Zip(statuses).Where(p => p.Second is not (PointStatus.Running or PointStatus.Queued)));
        }
        foreach (var (id, status) in ended)
        {
            S.Running.Remove(id);
            _training.Remove(id);
            Count(status);
        }
        await StartQueuedAsync();
    }

    private async Task StartQueuedAsync()
    {
        var refined = false;
        await StartNextPointsAsync();
        while (await RefineAsync())
        {
            refined = true;
            await StartNextPointsAsync();
        }
        var handed = await CatchUpAnalysisAsync();
        if (!Active)
        {
            await WriteAsync();
            await StopKeepingAliveAsync();
        }
        else if (refined || handed || time.GetElapsedTime(_lastWrite) >= WriteInterval)
        {
            // A refinement round is written at once: its points are part of the experiment from now on.
            await WriteAsync();
        }
        else
        {
            // Any snapshot is safe to resume from: points started since it are started again (a trainer that
            // runs or ended just says so) and points that ended since it are counted by the next check.
            _flush ??= this.RegisterGrainTimer(WriteAsync, new GrainTimerCreationOptions(WriteInterval, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    private async Task StartNextPointsAsync()
    {
        var spec = S.Spec!;
        var id = this.GetPrimaryKeyString();
        while (!S.IsCancelled && S.Running.Count < options.Value.PointsInFlight && S.NextIndex < S.Points.Count)
        {
            var point = S.Points[S.NextIndex++];
            var request = new TrainRequest(id, point, spec.Dataset, spec.Training, S.TraceParent, spec.Measures);
            var status = await Trainer(point.PointId).StartAsync(request);
            if (status == PointStatus.Running)
            {
                S.Running.Add(point.PointId);
                GridTelemetry.PointsStarted.Add(1);
            }
            else
            {
                Count(status);
            }
        }
    }

    // Adaptive search: once every point so far has ended, one round adds the points between the knee and the
    // width below it (true), or refinement stops (false). The new points and the round are written with the
    // next state write, before any of them is counted; after a crash the round is simply computed again from
    // the same results.
    private async Task<bool> RefineAsync()
    {
        if (!RefinementPending || S.IsCancelled || S.Running.Count > 0 || S.NextIndex < S.Points.Count)
        {
            return false;
        }
        var spec = S.Spec!;
        IReadOnlyList<GridPoint> added = [];
        if (S.SearchRounds < spec.Search!.EffectiveMaxRounds)
        {
            var results = new List<PointResult>(S.Points.Count);
            foreach (var chunk in S.Points.Chunk(CheckFanOut))
            {
                results.AddRange(await Task.WhenAll(chunk.Select(p => Trainer(p.PointId).GetResultAsync())));
            }
            added = KneeRefinement.NextPoints(spec, S.Points, results);
        }
        if (added.Count == 0)
        {
            S.SearchDone = true;
            return false;
        }
        S.Points.AddRange(added);
        S.SearchRounds++;
        return true;
    }

    private async Task WriteAsync()
    {
        _flush?.Dispose();
        _flush = null;
        S.EpochsDone += _epochsSinceWrite;
        _epochsSinceWrite = 0;
        _lastWrite = time.GetTimestamp();
        await state.WriteStateAsync();
    }

    private async Task StopKeepingAliveAsync()
    {
        _liveness?.Dispose();
        _liveness = null;
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    // Placement reads the device requirement from the request context of the call that activates a trainer.
    private ITrainerGrain Trainer(string pointId)
    {
        RequestContext.Set(SiloCapabilities.DeviceKey, S.Spec?.Training.Device ?? DeviceKinds.Name(DeviceKind.Auto));
        return GrainFactory.GetGrain<ITrainerGrain>(GrainKeys.Trainer(this.GetPrimaryKeyString(), pointId));
    }

    // A point that needs a GPU on a cluster without one would wait forever: refuse it at submit.
    private void RefuseUnservedDevice(ExperimentSpec spec)
    {
        var device = spec.Training.Device;
        var silos = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);
        if (!silos.Any(silo => SiloCapabilities.Of(siloMetadata.GetSiloMetadata(silo)).Serves(SiloCapabilities.Requirement(device))))
        {
            throw new InvalidOperationException($"training.device is '{device}', but no silo of this cluster has a GPU (a GPU silo sets Training:Accelerator=gpu)");
        }
    }

    // A point that can never train (too many parameters, more memory than a slot has) is refused before anything
    // is stored. Refusals travel as InvalidOperationException, as the device's does: the CLI prints its one line.
    private async Task RefuseOversizedAsync(ExperimentSpec spec)
    {
        try
        {
            await sizeCheck.CheckAsync(this.GetPrimaryKeyString(), spec);
        }
        catch (SpecException e)
        {
            throw new InvalidOperationException(e.Message);
        }
    }

    private void Count(PointStatus status)
    {
        GridTelemetry.PointsEnded.Add(1, new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant()));
        switch (status)
        {
            case PointStatus.Finished: S.Finished++; break;
            case PointStatus.Diverged: S.Diverged++; break;
            case PointStatus.Cancelled: S.Cancelled++; break;
            default: S.Failed++; break;
        }
    }

    private ExperimentStatus Status()
    {
        var total = S.Points.Count;
        var ended = S.Finished + S.Failed + S.Diverged + S.Cancelled;
        var state = S.Spec is null ? ExperimentState.Unknown
            : S.IsCancelled ? ExperimentState.Cancelled
            : ended == total && !RefinementPending ? ExperimentState.Completed
            : ExperimentState.Running;
        var training = _training.Count(S.Running.Contains);
        return new ExperimentStatus(
            this.GetPrimaryKeyString(), state, total, total - ended - training, training,
            S.Finished, S.Failed, S.Diverged,
            S.EpochsDone + _epochsSinceWrite, total * (S.Spec?.Training.Epochs ?? 0), S.Cancelled);
    }
}

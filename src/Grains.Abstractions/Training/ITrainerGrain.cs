namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>
/// Trains one grid point. Keyed by <c>{experimentId}/{pointId}</c>. Training runs off the Orleans
/// scheduler; the grain's calls stay short.
/// </summary>
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>Starts training unless the point already ended; returns at once with the point's status.</summary>
    Task<PointStatus> StartAsync(TrainRequest request);

    /// <summary>
    /// Makes sure a point that should be training is: an activation that lost its run (its silo died, say)
    /// resumes from the last checkpoint. Returns the point's status. Experiments call it periodically.
    /// </summary>
    Task<PointStatus> EnsureRunningAsync();

    /// <summary>Stops training and marks the point cancelled (unless it already ended).</summary>
    Task CancelAsync();

    /// <summary>The training thread of run <paramref name="attempt"/> got a slot and starts training.</summary>
    Task SlotAcquiredAsync(int attempt);

    /// <summary>The point's state and metrics so far.</summary>
    Task<PointResult> GetResultAsync();

    /// <summary>
    /// Records an epoch that run <paramref name="attempt"/> completed and checkpointed. Reports of a run that
    /// is no longer the point's current one (it was replaced after an interruption) are ignored.
    /// <paramref name="runPhases"/> is the run's time per phase so far, kept so a later run adds to it.
    /// </summary>
    Task ReportEpochAsync(EpochMetrics metrics, PhaseSeconds runPhases, int attempt);

    /// <summary>Records how run <paramref name="attempt"/> ended (finished, diverged or failed) and tells the experiment; stale runs are ignored.</summary>
    Task CompleteAsync(PointCompletion completion, int attempt);
}

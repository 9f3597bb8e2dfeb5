using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// What a point's training run reports to its trainer grain (the same grain as <see cref="ITrainerGrain"/>). Internal
/// to the silo: clients, which reach this assembly only through the embedded silo, cannot call it.
/// </summary>
internal interface ITrainerRunGrain : IGrainWithStringKey
{
    /// <summary>The training thread of run <paramref name="attempt"/> got a slot and starts training.</summary>
    Task SlotAcquiredAsync(int attempt);

    /// <summary>
    /// Records an epoch that run <paramref name="attempt"/> completed and checkpointed. Reports of a run that
    /// is no longer the point's current one (it was replaced after an interruption) are ignored.
    /// <paramref name="runPhases"/> is the run's time per phase so far, kept so a later run adds to it.
    /// </summary>
    Task ReportEpochAsync(EpochMetrics metrics, PhaseSeconds runPhases, int attempt);

    /// <summary>Records how run <paramref name="attempt"/> ended (finished, diverged or failed) and tells the experiment; stale runs are ignored.</summary>
    Task CompleteAsync(PointCompletion completion, int attempt);
}

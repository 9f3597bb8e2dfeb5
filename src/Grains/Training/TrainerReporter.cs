using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// How one training run talks back to its trainer grain: every report carries the run's attempt number,
/// so a run that was replaced (its silo was thought dead, or it lost a race) cannot record anything.
/// </summary>
internal sealed record TrainerReporter(ITrainerRunGrain Trainer, int Attempt)
{
    /// <summary>The run holds a slot now.</summary>
    public Task SlotAcquiredAsync() => Trainer.SlotAcquiredAsync(Attempt);

    /// <summary>An epoch was trained and checkpointed.</summary>
    public Task ReportEpochAsync(EpochMetrics metrics, PhaseSeconds runPhases) => Trainer.ReportEpochAsync(metrics, runPhases, Attempt);

    /// <summary>The run ended.</summary>
    public Task CompleteAsync(PointCompletion completion) => Trainer.CompleteAsync(completion, Attempt);
}

using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>The metrics of the epoch a checkpoint was taken after (see <see cref="EpochReport"/> for their meaning).</summary>
public sealed record CheckpointMetrics(
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    TimeSpan Duration);

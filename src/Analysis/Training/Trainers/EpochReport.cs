using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Tracking;

namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>
/// One finished epoch: losses (mean cross-entropy, nats) and accuracies measured on the full train and
/// test parts after the epoch, the validation part's when the run has one (else null), and the
/// checkpoint payload (see <see cref="TrainingCheckpoint"/>) to resume from this epoch. <c>Layers</c> holds the
/// per-layer measures <see cref="LayerTracking"/> asked for (null without tracking); <c>Phases</c> splits the epoch's
/// time on the training thread (null when the engine does not measure it).
/// </summary>
public sealed record EpochReport(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    TimeSpan Duration,
    byte[] Checkpoint,
    double? ValidationLoss = null,
    double? ValidationAccuracy = null,
    IReadOnlyList<LayerEpoch>? Layers = null,
    EpochPhases? Phases = null);

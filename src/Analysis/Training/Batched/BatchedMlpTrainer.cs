using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;

namespace CapacityGrid.Analysis.Training.Batched;

/// <summary>
/// Trains several models of one <see cref="MlpSpec"/> together as one stacked model (<see cref="BatchedMlp"/>):
/// one batched matrix product per layer serves all of them, which pays off for small models whose
/// single-model steps are dominated by per-operation overhead. Each member keeps what separate training
/// with <see cref="ClassifierTrainer"/> would give it: its own initialisation and batch order (drawn from its own
/// generator, seeded with its seed, exactly as <see cref="ClassifierTrainer"/> draws them), its own learning rate,
/// momentum and weight decay, and its own optimizer state.
/// Runs on the calling thread and blocks until every member has finished or diverged.
/// </summary>
public static class BatchedMlpTrainer
{
    /// <summary>
    /// Trains every member for its own <see cref="TrainOptions.Epochs"/>, calling <paramref name="onEpoch"/>
    /// with the member's index after each of its epochs, members in index order within an epoch.
    /// Members must share <see cref="TrainOptions.Optimizer"/> and <see cref="TrainOptions.BatchSize"/>.
    /// A member whose loss becomes NaN or infinite ends as diverged at that epoch, as with
    /// <see cref="ClassifierTrainer"/>, while the others go on. Cancellation throws <see cref="OperationCanceledException"/>.
    /// Each report's checkpoint is the one <see cref="ClassifierTrainer"/> writes for that member (<see cref="CheckpointFormat"/>),
    /// so a single-model run resumes from it; with <paramref name="validation"/> every epoch is also evaluated on it,
    /// and <paramref name="layers"/> measures each member's layers per epoch as <see cref="ClassifierTrainer"/> does.
    /// Early stopping is not supported: train such members with <see cref="ClassifierTrainer"/>.
    /// </summary>
    /// <returns>One outcome per member, in member order.</returns>
    /// <remarks>
    /// <see cref="EpochReport.Duration"/> is wall time since the stacked epoch began, shared by the members:
    /// it includes the training of all of them and the evaluations reported before this member's.
    /// </remarks>
    public static IReadOnlyList<TrainOutcome> Train(
        DataSplit data,
        MlpSpec spec,
        IReadOnlyList<TrainOptions> members,
        Action<int, EpochReport> onEpoch,
        CancellationToken cancellationToken = default,
        TabularData? validation = null,
        LayerTracking? layers = null)
    {
        layers?.Validated();
        ArgumentOutOfRangeException.ThrowIfZero(members.Count);
        if (members.Any(m => m.EarlyStopping is not null))
        {
            throw new ArgumentException("early stopping is not supported in a stack: train such members one by one");
        }
        if (members.Any(m => m.BatchSize != members[0].BatchSize))
        {
            throw new ArgumentException("all members of a stack must use the same batch size");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(members[0].BatchSize);
        StackedOptimizer.Validate(members);

        // Catches what building the plain staging model leaves behind (its parameters and init results).
        using var scope = torch.NewDisposeScope();
        using var run = new BatchedRun(data, spec, members, onEpoch, validation, layers);
        return run.Train(cancellationToken);
    }
}

using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// An engine that can also train several points of one shape together as one stacked model. The
/// <see cref="TrainingRunner"/> stacks points from scratch whose <see cref="BatchKey"/> is equal and not null.
/// </summary>
public interface IBatchTrainingEngine
{
    /// <summary>
    /// What a point must share with others to be trained with them in one stack (everything but its id and
    /// seed), or null when it trains alone (a CNN, early stopping, a GPU, a model too large to gain from stacking).
    /// </summary>
    string? BatchKey(TrainRequest request, DataSplit data);

    /// <summary>
    /// Trains points of one <see cref="BatchKey"/> together, handing each member's epochs (with a checkpoint in
    /// the single-model format) to <paramref name="onEpoch"/> with its index; returns how each ended, in order.
    /// </summary>
    IReadOnlyList<PointCompletion> TrainBatch(IReadOnlyList<TrainRequest> requests, DataSplit data, Action<int, EpochReport> onEpoch, CancellationToken cancellationToken);
}

using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// What trains one grid point. The <see cref="TrainingRunner"/> calls it on a dedicated thread once the point
/// holds a training slot; the runner keeps everything else (the slot, checkpoint writes, reports to the grains).
/// The silo registers <see cref="TorchTrainingEngine"/> unless another engine was registered first.
/// </summary>
public interface ITrainingEngine
{
    /// <summary>
    /// Trains <paramref name="request"/>'s point on <paramref name="data"/>, from <paramref name="resume"/> when
    /// given. Hands every epoch, with that epoch's checkpoint, to <paramref name="onEpoch"/> (which blocks while
    /// earlier epochs are still being written) and returns how the point ended.
    /// </summary>
    PointCompletion Train(TrainRequest request, DataSplit data, ResumePoint? resume, Action<EpochReport> onEpoch, CancellationToken cancellationToken);
}

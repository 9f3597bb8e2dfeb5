using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>
/// Everything needed to continue a run after <see cref="Epoch"/> exactly as if it had not stopped: the
/// weights (TorchSharp's module format), the optimizer's state (Adam moments and step, SGD momentum
/// buffers; TorchSharp's optimizer format), the state of the run's random generator (so batch order
/// continues), the early-stopping tracker, the epoch's metrics, the model spec and the hash of spec and
/// options (<see cref="SpecHash"/>). <see cref="CheckpointFormat"/> turns it into bytes and back.
/// </summary>
public sealed record TrainingCheckpoint(
    IModelSpec Spec,
    string SpecHash,
    int Epoch,
    CheckpointMetrics Metrics,
    double BestValidationLoss,
    int EpochsWithoutImprovement,
    byte[] Weights,
    byte[] OptimizerState,
    byte[] GeneratorState);

using CapacityGrid.Analysis.Training.Optimizers;

namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>
/// How to train one model. The seed decides initial weights and batch order.
/// <see cref="EarlyStopping"/> is off when null. <see cref="Device"/> is <see cref="DeviceKind.Auto"/> (CUDA when
/// <c>torch.cuda.is_available()</c>, else the CPU), <see cref="DeviceKind.Cpu"/> or <see cref="DeviceKind.Cuda"/>. <see cref="Threads"/> sets
/// torch's intra-op threads for the whole process when positive; 0 leaves torch's setting alone.
/// </summary>
public sealed record TrainOptions(
    int Epochs,
    OptimizerKind Optimizer = OptimizerKind.Adam,
    double LearningRate = 1e-3,
    int BatchSize = 64,
    double Momentum = 0.9,
    double WeightDecay = 0,
    int Seed = 1,
    EarlyStoppingOptions? EarlyStopping = null,
    DeviceKind Device = DeviceKind.Auto,
    int Threads = 0)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that cannot be used.</summary>
    public TrainOptions Validated()
    {
        if (Epochs < 0)
        {
            throw new ArgumentException($"must be zero or more (got {Epochs})", nameof(Epochs));
        }
        if (!Enum.IsDefined(Optimizer))
        {
            throw new ArgumentException(OptimizerKinds.Unknown($"{Optimizer}"), nameof(Optimizer));
        }
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentException($"must be a positive number (got {LearningRate})", nameof(LearningRate));
        }
        if (BatchSize < 1)
        {
            throw new ArgumentException($"must be at least 1 (got {BatchSize})", nameof(BatchSize));
        }
        if (Threads < 0)
        {
            throw new ArgumentException($"must be zero (leave torch's setting) or positive (got {Threads})", nameof(Threads));
        }
        EarlyStopping?.Validated();
        return this;
    }
}

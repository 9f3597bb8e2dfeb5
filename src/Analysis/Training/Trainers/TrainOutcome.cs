using CapacityGrid.Analysis.Measures.Weights;

namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>How a training run ended, with the final weights as plain numbers.</summary>
public sealed record TrainOutcome(
    long ParameterCount,
    IReadOnlyList<WeightMatrix> Weights,
    int? DivergedAtEpoch,
    int? StoppedEarlyAtEpoch = null)
{
    /// <summary>True when the loss became NaN or infinite.</summary>
    public bool Diverged => DivergedAtEpoch is not null;

    /// <summary>True when early stopping ended the run before its last epoch.</summary>
    public bool StoppedEarly => StoppedEarlyAtEpoch is not null;
}

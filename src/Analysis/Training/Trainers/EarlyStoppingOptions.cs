namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>
/// Stop training when the validation loss has not improved by more than <see cref="MinDelta"/> (nats) on
/// its best value for <see cref="Patience"/> epochs in a row. The run keeps the weights of its last epoch.
/// </summary>
public sealed record EarlyStoppingOptions(int Patience, double MinDelta = 0)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field that cannot be used.</summary>
    public EarlyStoppingOptions Validated()
    {
        if (Patience < 1)
        {
            throw new ArgumentException($"must be at least 1 epoch (got {Patience})", nameof(Patience));
        }
        if (!(MinDelta >= 0) || !double.IsFinite(MinDelta))
        {
            throw new ArgumentException($"must be zero or a positive number (got {MinDelta})", nameof(MinDelta));
        }
        return this;
    }
}

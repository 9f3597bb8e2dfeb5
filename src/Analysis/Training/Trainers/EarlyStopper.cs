namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>
/// Tracks the best validation loss and the epochs since it improved. Its state goes into every checkpoint,
/// so a resumed run stops at the same epoch as one that never stopped.
/// </summary>
public sealed class EarlyStopper(EarlyStoppingOptions options)
{
    /// <summary>Lowest validation loss seen so far; +infinity before the first epoch.</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>Epochs in a row without an improvement of more than <see cref="EarlyStoppingOptions.MinDelta"/>.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Restores the state saved in a checkpoint.</summary>
    public void Restore(double bestLoss, int epochsWithoutImprovement)
    {
        BestLoss = bestLoss;
        EpochsWithoutImprovement = epochsWithoutImprovement;
    }

    /// <summary>Records one epoch's validation loss; true when training should stop now.</summary>
    public bool Observe(double validationLoss)
    {
        if (validationLoss < BestLoss - options.MinDelta)
        {
            BestLoss = validationLoss;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
        }
        return EpochsWithoutImprovement >= options.Patience;
    }
}

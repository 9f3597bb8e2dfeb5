namespace CapacityGrid.Analysis.Training;

/// <summary>
/// One finished epoch: losses and accuracies measured on the full train and test parts after the
/// epoch, and the model's weights serialised as a checkpoint payload.
/// </summary>
public sealed record EpochReport(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    TimeSpan Duration,
    byte[] Checkpoint);

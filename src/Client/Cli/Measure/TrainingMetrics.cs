using CapacityGrid.Analysis.Training.Checkpointing;


namespace CapacityGrid.Client.Cli.Measure;

/// <summary>A checkpoint's epoch metrics as <c>capgrid measure model</c> prints them: a non-finite loss becomes null.</summary>
/// <param name="TrainLoss">Mean cross-entropy on the training part, nats.</param>
/// <param name="TrainAccuracy">Accuracy on the training part.</param>
/// <param name="TestLoss">Mean cross-entropy on the test part, nats.</param>
/// <param name="TestAccuracy">Accuracy on the test part.</param>
/// <param name="ValidationLoss">Mean cross-entropy on the validation part; null when the run had none.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation part; null when the run had none.</param>
/// <param name="ElapsedSeconds">Training time up to this epoch.</param>
public sealed record TrainingMetrics(
    double? TrainLoss,
    double? TrainAccuracy,
    double? TestLoss,
    double? TestAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double ElapsedSeconds)
{
    /// <summary>The metrics of a checkpoint.</summary>
    public static TrainingMetrics Of(CheckpointMetrics m) => new(
        Finite(m.TrainLoss), Finite(m.TrainAccuracy), Finite(m.TestLoss), Finite(m.TestAccuracy),
        Finite(m.ValidationLoss), Finite(m.ValidationAccuracy), m.Duration.TotalSeconds);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}

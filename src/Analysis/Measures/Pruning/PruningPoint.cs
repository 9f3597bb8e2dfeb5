namespace CapacityGrid.Analysis.Measures.Pruning;

/// <summary>One point of a pruning curve: the model with <see cref="Fraction"/> of its weights removed, on the test part.</summary>
/// <param name="Fraction">Fraction of weights asked to be removed.</param>
/// <param name="PrunedWeights">Weights actually removed: round(Fraction · total).</param>
/// <param name="TestAccuracy">Accuracy right after pruning.</param>
/// <param name="TestLoss">Mean cross-entropy (nats) right after pruning.</param>
/// <param name="FineTunedAccuracy">Accuracy after the masked fine-tune; null when none ran or it diverged.</param>
/// <param name="FineTunedLoss">Mean cross-entropy (nats) after the masked fine-tune.</param>
/// <param name="FineTuneReason">Why the fine-tuned values are null.</param>
public sealed record PruningPoint(
    double Fraction,
    int PrunedWeights,
    double TestAccuracy,
    double TestLoss,
    double? FineTunedAccuracy,
    double? FineTunedLoss,
    string? FineTuneReason);

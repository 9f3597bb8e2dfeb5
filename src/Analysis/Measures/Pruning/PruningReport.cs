namespace CapacityGrid.Analysis.Measures.Pruning;

/// <summary>
/// A global magnitude pruning curve and the prunability it implies (MEASURES.md, "Model"): the largest fraction
/// of weights removable at no more than <see cref="Tolerance"/> accuracy loss.
/// </summary>
/// <param name="Weights">Weights ranked for pruning (biases excluded).</param>
/// <param name="BaselineAccuracy">Test accuracy of the unpruned model, the reference of both fractions below.</param>
/// <param name="Tolerance">Accuracy loss allowed (0.005 = 0.5 percentage points).</param>
/// <param name="Points">The curve, by increasing fraction.</param>
/// <param name="RemovableFraction">Largest fraction whose pruned model keeps accuracy ≥ baseline - tolerance (0 if none).</param>
/// <param name="RemovableFractionFineTuned">The same after the masked fine-tune; null when no fine-tune ran.</param>
public sealed record PruningReport(
    int Weights,
    double BaselineAccuracy,
    double Tolerance,
    IReadOnlyList<PruningPoint> Points,
    double RemovableFraction,
    double? RemovableFractionFineTuned);

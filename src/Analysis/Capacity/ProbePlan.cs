namespace CapacityGrid.Analysis.Capacity;

/// <summary>The probe a compute budget affords: its width, epochs and training rows, and what it will cost.</summary>
/// <param name="Width">Width of every hidden layer of the probe.</param>
/// <param name="Depth">Hidden layers of the probe.</param>
/// <param name="Epochs">Epochs it trains.</param>
/// <param name="Rows">Training rows it trains on (the first rows of the training part).</param>
/// <param name="BudgetMultiplyAdds">The budget it was planned under.</param>
/// <param name="PlannedMultiplyAdds">Training multiply-adds of the plan (at most the budget), both probes of a pair.</param>
/// <param name="WithHalfWidth">True when the plan is a pair: this probe and one of <see cref="ProbePlanner.HalfOf"/> its width.</param>
public sealed record ProbePlan(int Width, int Depth, int Epochs, int Rows, double BudgetMultiplyAdds, double PlannedMultiplyAdds, bool WithHalfWidth = false);

namespace CapacityGrid.Analysis.Capacity;

/// <summary>The verification star a budget affords around a recommended shape.</summary>
/// <param name="Shapes">The shapes, the recommendation first; each with the layer it scales (null for the recommendation) and the factor.</param>
/// <param name="Seeds">Seeds per shape (1 or 2).</param>
/// <param name="Epochs">Epochs per model.</param>
/// <param name="Rows">Training rows per model.</param>
/// <param name="MultiplyAdds">Training multiply-adds of the whole star.</param>
/// <param name="Cuts">What was cut to fit the budget, in order (empty when the full star fits).</param>
public sealed record StarPlan(IReadOnlyList<StarShape> Shapes, int Seeds, int Epochs, int Rows, double MultiplyAdds, IReadOnlyList<string> Cuts);

/// <summary>One shape of a verification star.</summary>
/// <param name="Layer">0-based layer scaled; null for the recommendation itself.</param>
/// <param name="Scale">Factor on that layer (0.5 or 2; 1 for the recommendation).</param>
/// <param name="Hidden">Hidden widths.</param>
public sealed record StarShape(int? Layer, double Scale, int[] Hidden);

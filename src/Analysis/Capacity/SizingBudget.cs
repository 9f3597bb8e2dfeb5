namespace CapacityGrid.Analysis.Capacity;

/// <summary>How <c>recommend</c> shares its budget between the probe pair and the verification star.</summary>
public static class SizingBudget
{
    /// <summary>
    /// The probe pair's share of the budget, with or without <c>--verify</c> (so both give the same recommendation);
    /// what the pair leaves is the star's.
    /// </summary>
    public const double ProbeShare = 0.6;
}

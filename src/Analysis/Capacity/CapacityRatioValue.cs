namespace CapacityGrid.Analysis.Capacity;

/// <summary>One capacity measure of the knee over one dataset estimate.</summary>
/// <param name="Capacity">parameters, architectureBits or weightEntropyBits.</param>
/// <param name="DatasetEstimate">The estimate's name (see <see cref="DatasetEstimates.Names"/>).</param>
/// <param name="CapacityValue">The knee's value of the capacity measure.</param>
/// <param name="DatasetBits">The estimate, in bits.</param>
/// <param name="Ratio">CapacityValue / DatasetBits.</param>
/// <param name="Note">Where the estimate comes from, for estimates made of others (mutualInformation names its source).</param>
public sealed record CapacityRatioValue(string Capacity, string DatasetEstimate, double CapacityValue, double DatasetBits, double Ratio, string? Note = null);

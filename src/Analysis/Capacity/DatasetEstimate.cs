namespace CapacityGrid.Analysis.Capacity;

/// <summary>One estimate of a dataset's information content, in bits; <see cref="Bits"/> is null (with the reason) when absent.</summary>
/// <param name="Name">A stable name: labelEntropy, compression, mecEstimate, mecMax, mecDictionary, ksgMutualInformation, prequential.</param>
/// <param name="Bits">The estimate in bits for the whole training part.</param>
/// <param name="Note">How the number was made, or why it is absent.</param>
public sealed record DatasetEstimate(string Name, double? Bits, string Note);

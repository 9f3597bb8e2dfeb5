namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Memory-equivalent capacity of a labelled dataset (see <see cref="MemoryEquivalentCapacity"/>), in bits.
/// </summary>
/// <param name="EstimateBits">ceil(log2(c + 1)) · d: the capacity a network needs to memorise the labels.</param>
/// <param name="MaxBits">c · (d + 1) + c: the upper bound, one d-input threshold unit per label change plus its output.</param>
/// <param name="DictionaryBits">n · log2 K: storing every label outright.</param>
/// <param name="LabelChanges">c, the label changes along the rows sorted by their feature sum.</param>
/// <param name="Reason">A note when the values are trivially exact (no label changes).</param>
public sealed record MecMeasures(double EstimateBits, double MaxBits, double DictionaryBits, int LabelChanges, string? Reason);

namespace CapacityGrid.Analysis.Capacity;

/// <summary>One shape of the grid, its finished seeds aggregated.</summary>
/// <param name="Key">The hidden widths joined by '-'.</param>
/// <param name="HiddenWidths">The hidden widths, input side first.</param>
/// <param name="ParameterCount">Trainable parameters.</param>
/// <param name="ArchitectureBits">Architecture capacity in bits (null when no point reported it).</param>
/// <param name="WeightEntropyBits">Mean quantized weight entropy across seeds, in bits (null when none reported it).</param>
/// <param name="MeanTestAccuracy">Mean final test accuracy across seeds.</param>
/// <param name="StdTestAccuracy">Sample standard deviation (n - 1) of the test accuracy across seeds; 0 for one seed.</param>
/// <param name="MeanTrainAccuracy">Mean final training accuracy across seeds (null when none reported it).</param>
/// <param name="Seeds">Finished seeds.</param>
/// <param name="PointIds">The finished points behind the numbers.</param>
/// <param name="Layers">Per hidden layer, the saturation and output dimension averaged across seeds.</param>
public sealed record ConfigurationStats(
    string Key,
    int[] HiddenWidths,
    long ParameterCount,
    double? ArchitectureBits,
    double? WeightEntropyBits,
    double MeanTestAccuracy,
    double StdTestAccuracy,
    double? MeanTrainAccuracy,
    int Seeds,
    IReadOnlyList<string> PointIds,
    IReadOnlyList<LayerStats> Layers);

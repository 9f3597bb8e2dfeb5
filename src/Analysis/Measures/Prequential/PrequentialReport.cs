namespace CapacityGrid.Analysis.Measures.Prequential;

/// <summary>The prequential (online) code length of a data set's labels under a model family.</summary>
/// <param name="Samples">Samples coded.</param>
/// <param name="Classes">Number of classes K.</param>
/// <param name="TotalBits">Sum of the blocks' code lengths.</param>
/// <param name="UniformBits">The uniform code n · log2 K.</param>
/// <param name="Blocks">The blocks, in coding order.</param>
public sealed record PrequentialReport(int Samples, int Classes, double TotalBits, double UniformBits, IReadOnlyList<PrequentialBlock> Blocks)
{
    /// <summary>UniformBits / TotalBits: how many times shorter than the uniform code (Voita &amp; Titov's "compression").</summary>
    public double CompressionRatio => UniformBits / TotalBits;
}

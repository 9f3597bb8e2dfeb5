namespace CapacityGrid.Analysis.Measures.Prequential;

/// <summary>One block of a prequential code: samples [<see cref="Start"/>, <see cref="End"/>) of the shuffled set.</summary>
/// <param name="Start">First sample of the block.</param>
/// <param name="End">One past the last sample.</param>
/// <param name="Bits">Code length of the block's labels.</param>
/// <param name="UniformBits">What the uniform code would spend on the block: (End - Start) · log2 K.</param>
/// <param name="Coder">"uniform" for the first block (or a block whose model diverged), "model" otherwise.</param>
public sealed record PrequentialBlock(int Start, int End, double Bits, double UniformBits, string Coder)
{
    /// <summary>Samples in the block.</summary>
    public int Samples => End - Start;
}

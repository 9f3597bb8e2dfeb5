namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// One layer's place in an <see cref="ArchitectureCapacity"/> profile, in bits.
/// </summary>
/// <param name="Index">Position of the layer, 0 for the first layer after the input.</param>
/// <param name="Inputs">Inputs to each neuron of the layer (the previous layer's width, or the input dimension).</param>
/// <param name="Width">Neurons in the layer.</param>
/// <param name="RawBits">Width · (Inputs + 1): what the layer's neurons could store if nothing limited them.</param>
/// <param name="CapBits">Bits the previous layers pass on (the narrowest earlier width); null for the first layer.</param>
/// <param name="CappedBits">min(RawBits, CapBits): the layer's share of the network's capacity.</param>
/// <param name="CapSetBy">Index of the earlier layer whose width sets <paramref name="CapBits"/>; null for the first layer.</param>
public sealed record LayerCapacity(int Index, int Inputs, int Width, long RawBits, long? CapBits, long CappedBits, int? CapSetBy)
{
    /// <summary>True when the cap, not the layer's own parameters, limits it.</summary>
    public bool IsCapped => CappedBits < RawBits;
}

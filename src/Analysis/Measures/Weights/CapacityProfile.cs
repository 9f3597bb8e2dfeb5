namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// Architecture capacity of a fully connected network, layer by layer (see <see cref="ArchitectureCapacity"/>).
/// </summary>
/// <param name="InputDimension">Features entering the first layer.</param>
/// <param name="Layers">One entry per layer, the output layer last.</param>
/// <param name="TotalBits">Σ CappedBits over the layers: the network's capacity in bits.</param>
/// <param name="BottleneckLayer">
/// The structural bottleneck: the layer whose width sets the cap on the last capped layer (the narrowest
/// earlier layer); null when no cap binds, as in a single-layer network.
/// </param>
public sealed record CapacityProfile(int InputDimension, IReadOnlyList<LayerCapacity> Layers, long TotalBits, int? BottleneckLayer);

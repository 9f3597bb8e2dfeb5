using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Measures.Weights;

namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>A finished point's final model measured: its weights, and its hidden layers probed (null when the run left no checkpoint).</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.final-measures")]
public sealed record FinalMeasures(
    [property: Id(0)] WeightMeasures Weights,
    [property: Id(1)] FinalLayers? Layers);

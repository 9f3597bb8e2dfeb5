namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// What every grid point measures on its hidden layers after each epoch. <c>SaturationEveryEpoch</c>: Delve
/// saturation of each layer, accumulated during the evaluation passes over the training and test parts (cheap).
/// <c>InformationPlane</c>: matrix-based Rényi I(X;T) and I(T;Y) per layer (binned too for tanh) on a fixed
/// subsample of <c>InformationSamples</c> rows of each part (costly: O(n³) per layer and epoch).
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.measures-spec")]
public sealed record MeasuresSpec(
    [property: Id(0)] bool SaturationEveryEpoch = true,
    [property: Id(1)] bool InformationPlane = false,
    [property: Id(2)] int InformationSamples = 500);

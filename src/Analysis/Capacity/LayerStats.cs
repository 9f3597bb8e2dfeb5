namespace CapacityGrid.Analysis.Capacity;

/// <summary>One hidden layer of a configuration, its measures averaged across the seeds that have them.</summary>
/// <param name="Index">0-based position, input side first.</param>
/// <param name="Name">Layer name (fc1, fc2, ...).</param>
/// <param name="Width">Units.</param>
/// <param name="MeanSaturation">Mean Delve saturation; null when no seed measured it.</param>
/// <param name="MeanOutputDimension">Mean TwoNN dimension of the layer's output; null when no seed measured it.</param>
/// <param name="MeasuredSeeds">Seeds with a saturation value.</param>
/// <param name="Note">Why a measure is missing (the first reason a seed gave), else null.</param>
public sealed record LayerStats(
    int Index,
    string Name,
    int Width,
    double? MeanSaturation,
    double? MeanOutputDimension,
    int MeasuredSeeds,
    string? Note);

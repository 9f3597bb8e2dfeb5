namespace CapacityGrid.Analysis.Data;

/// <summary>
/// A labelled dataset held in memory: features row-major (<see cref="Samples"/> rows of
/// <see cref="FeatureCount"/> values) and one class label in [0, <see cref="Classes"/>) per row.
/// </summary>
public sealed record TabularData(float[] Features, int Samples, int FeatureCount, int[] Labels, int Classes)
{
    /// <summary>A dataset with no samples, such as the validation part of a split that asked for none.</summary>
    public static TabularData Empty(int featureCount, int classes) => new([], 0, featureCount, [], classes);

    /// <summary>The features of row <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Row(int i) => Features.AsSpan(i * FeatureCount, FeatureCount);

    /// <summary>Checks that the arrays agree with the declared shape; throws with what is wrong.</summary>
    public TabularData Validated()
    {
        if (Samples <= 0 || FeatureCount <= 0)
        {
            throw new ArgumentException($"a dataset needs at least one sample and one feature (got {Samples} x {FeatureCount})");
        }
        if (Features.Length != (long)Samples * FeatureCount)
        {
            throw new ArgumentException($"features hold {Features.Length} values, expected {Samples} x {FeatureCount}");
        }
        if (Labels.Length != Samples)
        {
            throw new ArgumentException($"{Labels.Length} labels for {Samples} samples");
        }
        for (var i = 0; i < Labels.Length; i++)
        {
            if ((uint)Labels[i] >= (uint)Classes)
            {
                throw new ArgumentException($"label {Labels[i]} of sample {i} is outside [0, {Classes})");
            }
        }
        return this;
    }
}

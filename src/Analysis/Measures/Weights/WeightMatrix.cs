namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// One layer's weights as plain numbers, row-major: <see cref="Rows"/> outputs by <see cref="Cols"/> inputs
/// (the layout of a torch Linear weight). Bias, when present, has <see cref="Rows"/> values.
/// </summary>
public sealed record WeightMatrix(string Name, int Rows, int Cols, float[] Values, float[]? Bias = null)
{
    /// <summary>Trainable scalars in this layer: weights and bias.</summary>
    public long ParameterCount => (long)Rows * Cols + (Bias?.Length ?? 0);
}

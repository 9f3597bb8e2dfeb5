namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// One layer's weights as plain numbers, row-major: <see cref="Rows"/> outputs by <see cref="Cols"/> inputs
/// (the layout of a torch Linear weight). Bias, when present, has <see cref="Rows"/> values. A conv kernel is the
/// matrix out-channels x (in-channels·k·k); <see cref="TensorShape"/> then keeps its own shape (out, in, k, k).
/// </summary>
public sealed record WeightMatrix(string Name, int Rows, int Cols, float[] Values, float[]? Bias = null, int[]? TensorShape = null)
{
    /// <summary>Trainable scalars in this layer: weights and bias.</summary>
    public long ParameterCount => (long)Rows * Cols + (Bias?.Length ?? 0);

    /// <summary>Checks that the arrays agree with the declared shape; throws with what is wrong.</summary>
    public WeightMatrix Validated()
    {
        if (Rows <= 0 || Cols <= 0)
        {
            throw new ArgumentException($"layer {Name} needs at least one row and one column (got {Rows} x {Cols})");
        }
        if (Values.Length != (long)Rows * Cols)
        {
            throw new ArgumentException($"layer {Name} holds {Values.Length} weights, expected {Rows} x {Cols}");
        }
        if (Bias is not null && Bias.Length != Rows)
        {
            throw new ArgumentException($"layer {Name} has {Bias.Length} biases for {Rows} outputs");
        }
        return this;
    }
}

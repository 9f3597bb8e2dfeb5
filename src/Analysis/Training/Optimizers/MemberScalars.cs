using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>
/// One hyperparameter value per slot of a stack, as float tensors shaped [K, 1] and [K, 1, 1] so they
/// broadcast over stacked biases and weights.
/// </summary>
/// <remarks>
/// Each value is rounded from double to float once, as torch rounds a scalar argument for a float
/// kernel, so an element-wise op with these tensors gives the same floats as the scalar op per model.
/// </remarks>
public sealed class MemberScalars : IDisposable
{
    private double[] _values;
    private Tensor _column;
    private Tensor _cube;

    /// <summary>Holds <paramref name="values"/>, one per slot.</summary>
    public MemberScalars(IEnumerable<double> values)
    {
        _values = [.. values];
        (_column, _cube) = Build(_values);
    }

    /// <summary>The values, one per slot.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>True when every slot's value is zero (the op it scales can be skipped, as a single model skips it).</summary>
    public bool AllZero => _values.All(v => v == 0);

    /// <summary>The values shaped to broadcast over <paramref name="stacked"/> (rank 2 or 3, slot first).</summary>
    public Tensor For(Tensor stacked) => stacked.dim() switch
    {
        2 => _column,
        3 => _cube,
        _ => throw new ArgumentException($"expected a stacked bias or weight, got rank {stacked.dim()}"),
    };

    /// <summary>Keeps only the given slots, in the given order.</summary>
    public void Keep(long[] slots)
    {
        var kept = slots.Select(s => _values[s]).ToArray();
        DisposeTensors();
        _values = kept;
        (_column, _cube) = Build(_values);
    }

    /// <inheritdoc />
    public void Dispose() => DisposeTensors();

    private void DisposeTensors()
    {
        _column.Dispose();
        _cube.Dispose();
    }

    private static (Tensor Column, Tensor Cube) Build(double[] values)
    {
        using var flat = tensor(values.Select(v => (float)v).ToArray());
        var column = flat.view(values.Length, 1).DetachFromDisposeScope();
        var cube = flat.view(values.Length, 1, 1).DetachFromDisposeScope();
        return (column, cube);
    }
}

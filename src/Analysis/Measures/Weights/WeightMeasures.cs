namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// The weight measures of a whole model: one <see cref="LayerWeightMeasures"/> per layer and totals.
/// Nulls carry a reason in the matching *Note; nothing is NaN.
/// </summary>
/// <param name="Layers">Per-layer measures, in the order given.</param>
/// <param name="ParameterCount">Trainable scalars: all weights and biases.</param>
/// <param name="WeightCount">Weights only.</param>
/// <param name="EntropyBits">Σ over layers of the quantized weight entropy in bits.</param>
/// <param name="EntropyBitsPerWeight">EntropyBits / WeightCount.</param>
/// <param name="CompressedBits">Σ over layers of the best compressed size in bits.</param>
/// <param name="CompressedBitsPerWeight">CompressedBits / WeightCount.</param>
/// <param name="Capacity">Architecture capacity profile, when the layers form a fully connected chain.</param>
/// <param name="CapacityNote">Why <paramref name="Capacity"/> is null.</param>
public sealed record WeightMeasures(
    IReadOnlyList<LayerWeightMeasures> Layers,
    long ParameterCount,
    long WeightCount,
    double EntropyBits,
    double EntropyBitsPerWeight,
    long CompressedBits,
    double CompressedBitsPerWeight,
    CapacityProfile? Capacity,
    string? CapacityNote)
{
    /// <summary>
    /// Measures every layer of a model, first layer first. The capacity profile assumes the layers are
    /// fully connected in sequence (each layer's inputs are the previous layer's outputs).
    /// </summary>
    public static WeightMeasures Of(IReadOnlyList<WeightMatrix> layers, int bins = WeightEntropy.DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("a model needs at least one layer", nameof(layers));
        }
        var measured = layers.Select(l => LayerWeightMeasures.Of(l, bins)).ToList();
        var weights = measured.Sum(l => l.WeightCount);
        var entropy = measured.Sum(l => l.EntropyBits);
        var compressed = measured.Sum(l => l.Compressed.BestBits);

        CapacityProfile? capacity = null;
        string? note = null;
        var broken = Enumerable.Range(1, layers.Count - 1).FirstOrDefault(i => layers[i].Cols != layers[i - 1].Rows);
        if (broken > 0)
        {
            note = $"layer {layers[broken].Name} takes {layers[broken].Cols} inputs but {layers[broken - 1].Name} " +
                $"gives {layers[broken - 1].Rows}: not a fully connected chain";
        }
        else
        {
            capacity = ArchitectureCapacity.Profile(layers[0].Cols, layers.Select(l => l.Rows).ToList());
        }

        return new WeightMeasures(
            measured,
            measured.Sum(l => l.ParameterCount),
            weights,
            entropy,
            entropy / weights,
            compressed,
            (double)compressed / weights,
            capacity,
            note);
    }
}

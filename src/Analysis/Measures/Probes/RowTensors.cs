using CapacityGrid.Analysis.Data;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Measures.Probes;

/// <summary>Rows of a <see cref="TabularData"/> as tensors, in the caller's dispose scope.</summary>
internal static class RowTensors
{
    /// <summary>The features of <paramref name="rows"/> (in that order) as a rows x features float tensor.</summary>
    public static Tensor Features(TabularData data, ReadOnlySpan<int> rows)
    {
        var d = data.FeatureCount;
        var values = new float[rows.Length * d];
        for (var i = 0; i < rows.Length; i++)
        {
            data.Row(rows[i]).CopyTo(values.AsSpan(i * d, d));
        }
        return tensor(values, [rows.Length, d]);
    }

    /// <summary>All features (samples x features) and labels (int64) of <paramref name="data"/>.</summary>
    public static (Tensor X, Tensor Y) All(TabularData data) =>
        (tensor(data.Features, [data.Samples, data.FeatureCount]), tensor(data.Labels.Select(l => (long)l).ToArray()));
}

using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Numerics;
using CapacityGrid.Analysis.Training.Checkpointing;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>Measures <see cref="LayerUse"/> (effective rank, input-output similarity) of every hidden layer of a trained model.</summary>
public static class LayerUseProbe
{
    /// <summary>Rows the measures use at most (a seeded subsample of the data).</summary>
    public const int Rows = 2048;

    /// <summary>Loads <paramref name="checkpoint"/> into a model of <paramref name="spec"/> and measures its hidden layers on <paramref name="data"/>.</summary>
    public static IReadOnlyList<LayerUse> Measure(IModelSpec spec, byte[] checkpoint, TabularData data, int seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(data);
        using var model = spec.Build();
        Checkpoints.LoadWeights(model, checkpoint);
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var rows = RowSample.Choose(data.Samples, Rows, seed);
        var features = RowTensors.Features(data, rows);
        var input = features.to(ScalarType.Float64, copy: true);
        // The forward pass may dispose its intermediates: copy each output out as it passes.
        var captured = new float[spec.HiddenWidths.Count][];
        model.Forward(features, (l, _, post) => captured[l] = TensorFloats.ToArray(post));
        var outputs = captured.Select((values, l) => tensor(values, [rows.Length, spec.HiddenWidths[l]]).to(ScalarType.Float64, copy: true)).ToArray();
        var uses = new LayerUse[outputs.Length];
        for (var l = 0; l < outputs.Length; l++)
        {
            uses[l] = new LayerUse(spec.LayerNames[l], spec.HiddenWidths[l], EffectiveRank(outputs[l]), LinearCka(l == 0 ? input : outputs[l - 1], outputs[l]));
        }
        return uses;
    }

    /// <summary>RankMe: exp(-Σ p_k ln p_k), p_k = σ_k / Σσ over the singular values of <paramref name="representation"/> (rows x units).</summary>
    public static double EffectiveRank(Tensor representation)
    {
        ArgumentNullException.ThrowIfNull(representation);
        using var scope = NewDisposeScope();
        var sigma = linalg.svdvals(representation.to(ScalarType.Float64, copy: true));
        var total = sigma.sum().item<double>();
        if (!(total > 0))
        {
            return 1;
        }
        // Garrido et al. add ε = 1e-7 to each p_k; terms with p_k = 0 contribute 0 here, the same in the limit.
        var p = sigma / total;
        var entropy = -(p * (p + 1e-300).log()).sum().item<double>();
        return Math.Exp(entropy);
    }

    /// <summary>Linear CKA of two representations of the same rows: ||YᵀX||²_F / (||XᵀX||_F ||YᵀY||_F) after centring each column.</summary>
    public static double LinearCka(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        using var scope = NewDisposeScope();
        var x64 = x.to(ScalarType.Float64, copy: true);
        var y64 = y.to(ScalarType.Float64, copy: true);
        var xc = x64 - x64.mean([0], keepdim: true);
        var yc = y64 - y64.mean([0], keepdim: true);
        var cross = yc.t().matmul(xc).pow(2).sum().item<double>();
        var xx = xc.t().matmul(xc).pow(2).sum().sqrt().item<double>();
        var yy = yc.t().matmul(yc).pow(2).sum().sqrt().item<double>();
        return xx > 0 && yy > 0 ? Math.Clamp(cross / (xx * yy), 0, 1) : 0;
    }
}

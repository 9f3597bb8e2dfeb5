using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Measures.Pruning;

/// <summary>
/// A short fine-tune of a pruned <see cref="Mlp"/> that keeps the pruned weights at zero: after every optimizer
/// step each weight matrix is multiplied by its 0/1 mask again (momentum would otherwise move them).
/// </summary>
public static class MaskedFineTune
{
    /// <summary>
    /// Zeroes the weights <paramref name="keep"/> marks false (one array per layer, as <see cref="MagnitudeRanking.Keep"/>
    /// gives), then trains on <paramref name="train"/> as <paramref name="options"/> say (optimizer, rate, batch,
    /// epochs, seed for batch order). Returns false if the loss became NaN or infinite, which stops the tune.
    /// </summary>
    public static bool Run(Mlp model, IReadOnlyList<bool[]> keep, TabularData train, TrainOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(keep);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (keep.Count != model.Layers.Count)
        {
            throw new ArgumentException($"{keep.Count} masks for {model.Layers.Count} layers", nameof(keep));
        }
        using var scope = NewDisposeScope();
        var masks = Masks(model, keep);
        Apply(model, masks);
        var (x, y) = RowTensors.All(train);
        using var generator = new Generator((ulong)options.Seed);
        // The optimizers ClassifierTrainer uses, so a fine-tune behaves like the training it continues.
        using var optimizer = ModelOptimizer.Create(model.parameters(), options);
        model.train();
        var n = x.shape[0];
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            var order = randperm(n, generator: generator);
            for (long start = 0; start < n; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var batchScope = NewDisposeScope();
                var index = order.slice(0, start, Math.Min(start + options.BatchSize, n), 1);
                optimizer.ZeroGrad();
                var loss = nn.functional.cross_entropy(model.forward(x.index_select(0, index)), y.index_select(0, index));
                if (!float.IsFinite(loss.item<float>()))
                {
                    return false;
                }
                loss.backward();
                optimizer.Step();
                Apply(model, masks);
            }
        }
        return true;
    }

    /// <summary>Multiplies each layer's weight by its mask, in place.</summary>
    internal static void Apply(Mlp model, IReadOnlyList<Tensor> masks)
    {
        using var noGrad = no_grad();
        for (var i = 0; i < masks.Count; i++)
        {
            model.Layers[i].weight!.mul_(masks[i]);
        }
    }

    /// <summary>The 0/1 float masks, shaped like the weights, in the caller's dispose scope.</summary>
    internal static Tensor[] Masks(Mlp model, IReadOnlyList<bool[]> keep) =>
        [.. model.Layers.Select((layer, i) =>
        {
            var shape = layer.weight!.shape;
            if (keep[i].Length != shape[0] * shape[1])
            {
                throw new ArgumentException($"mask {i} has {keep[i].Length} entries for a {shape[0]} x {shape[1]} weight", nameof(keep));
            }
            return tensor(Array.ConvertAll(keep[i], k => k ? 1f : 0f), shape);
        })];
}

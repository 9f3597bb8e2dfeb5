using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Batched;

/// <summary>
/// K models of one <see cref="MlpSpec"/> held as stacked tensors, one slot per model: layer i's weights
/// are one [K, in, out] tensor and its biases one [K, out] tensor, so a training step for all K models
/// is one batched matrix product per layer. Slots never mix: slot k's outputs and gradients depend on
/// slot k's weights and inputs only.
/// A slot's weight is the transpose of <see cref="nn.Module"/> Linear's [out, in]: the product then takes
/// it as stored, and backward writes its gradient in that layout. Stored as [K, out, in] and used through a
/// transposed view, the gradient needed a strided copy every step, which cost a third of the step.
/// </summary>
/// <remarks>
/// Not a <see cref="nn.Module"/>: models leave the stack when they finish or diverge, and the stack then
/// shrinks in place (<see cref="Keep"/>), which a module's registered parameters do not allow. The
/// tensors are owned by this object, outside every dispose scope, and freed by <see cref="Dispose"/>.
/// </remarks>
public sealed class BatchedMlp : IDisposable
{
    private readonly Tensor[] _weights;
    private readonly Tensor[] _biases;
    private readonly ActivationKind _activation;
    private Tensor[] _parameters;

    private BatchedMlp(MlpSpec spec, Tensor[] weights, Tensor[] biases)
    {
        Spec = spec;
        _weights = weights;
        _biases = biases;
        _activation = spec.TypedActivation;
        _parameters = Interleave(weights, biases);
    }

    /// <summary>The shape every slot has.</summary>
    public MlpSpec Spec { get; }

    /// <summary>How many models the stack holds now.</summary>
    public int Count => (int)_weights[0].shape[0];

    /// <summary>The stacked parameters in layer order: weights then bias of each layer, slot first.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>
    /// One slot per generator, each initialised exactly as <see cref="ClassifierTrainer"/> initialises a single
    /// model: PyTorch's default U(-1/sqrt(fan_in), 1/sqrt(fan_in)), weight then bias, layer by layer,
    /// drawn from that slot's generator (which the draws advance).
    /// </summary>
    public static BatchedMlp Initialised(MlpSpec spec, IReadOnlyList<Generator> generators)
    {
        ArgumentOutOfRangeException.ThrowIfZero(generators.Count);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var k = generators.Count;
        var shapes = Shapes(spec);
        var weights = shapes.Select(s => empty(k, s.In, s.Out)).ToArray();
        var biases = shapes.Select(s => empty(k, s.Out)).ToArray();
        for (var slot = 0; slot < k; slot++)
        {
            for (var i = 0; i < shapes.Length; i++)
            {
                // Drawn into tensors shaped like a single model's, so the draws match it value for value.
                var bound = 1.0 / Math.Sqrt(shapes[i].In);
                weights[i][slot].copy_(empty(shapes[i].Out, shapes[i].In).uniform_(-bound, bound, generators[slot]).t());
                biases[i][slot].copy_(empty(shapes[i].Out).uniform_(-bound, bound, generators[slot]));
            }
        }
        return new BatchedMlp(spec, [.. weights.Select(Own)], [.. biases.Select(Own)]);
    }

    /// <summary>Logits [K, B, classes] for inputs [K, B, features]: slot k's model applied to batch k.</summary>
    public Tensor Forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        for (var i = 0; i < _weights.Length; i++)
        {
            // TorchSharp's baddbmm is called on batch1: x.baddbmm(w, bias) = bias + x @ w, Linear's x @ weight^T.
            x = x.baddbmm(_weights[i], _biases[i].unsqueeze(1));
            if (i < _weights.Length - 1)
            {
                x = _activation.Apply(x);
            }
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Logits [K, rows, classes] of every slot's model for the same inputs [rows, features]. The first layer of all
    /// slots is one matrix product with their weights side by side, so the inputs are read once, not once per model,
    /// and the product is K times wider. <paramref name="onHidden"/> gets each hidden layer's pre-activations,
    /// [K, rows, width], slot first.
    /// </summary>
    public Tensor ForwardShared(Tensor input, Action<int, Tensor>? onHidden = null)
    {
        using var scope = NewDisposeScope();
        var k = Count;
        var rows = input.shape[0];
        var first = _weights[0];
        var (fanIn, width) = (first.shape[1], first.shape[2]);
        var sideBySide = first.permute(1, 0, 2).reshape(fanIn, k * width);
        var x = addmm(_biases[0].reshape(k * width), input, sideBySide, 1, 1).view(rows, k, width).permute(1, 0, 2).contiguous();
        for (var i = 0; i < _weights.Length; i++)
        {
            if (i > 0)
            {
                x = x.baddbmm(_weights[i], _biases[i].unsqueeze(1));
            }
            if (i < _weights.Length - 1)
            {
                onHidden?.Invoke(i, x);
                x = _activation.Apply(x);
            }
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Clears the gradients of all slots.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>Copies slot <paramref name="slot"/>'s weights into a plain model of the same shape.</summary>
    public void CopyTo(int slot, Mlp target)
    {
        using var noGrad = no_grad();
        for (var i = 0; i < _weights.Length; i++)
        {
            using var w = _weights[i][slot];
            using var b = _biases[i][slot];
            target.Layers[i].weight!.copy_(w.t());
            target.Layers[i].bias!.copy_(b);
        }
    }

    /// <summary>
    /// One slot's value of parameter <paramref name="parameter"/> (an index into <see cref="Parameters"/>), or of
    /// optimizer state shaped like it, in the layout a single model's parameter has.
    /// </summary>
    public static Tensor AsSingleModel(int parameter, Tensor slotValue) => parameter % 2 == 0 ? slotValue.t() : slotValue;

    /// <summary>Keeps only the given slots, in the given order; the others are dropped.</summary>
    public void Keep(long[] slots)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var index = tensor(slots);
        for (var i = 0; i < _weights.Length; i++)
        {
            _weights[i] = Replace(_weights[i], index);
            _biases[i] = Replace(_biases[i], index);
        }
        _parameters = Interleave(_weights, _biases);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _weights.Concat(_biases))
        {
            t.Dispose();
        }
    }

    private static (int In, int Out)[] Shapes(MlpSpec spec)
    {
        var widths = spec.Hidden.Append(spec.Classes).ToArray();
        return [.. widths.Select((w, i) => (i == 0 ? spec.InputDim : widths[i - 1], w))];
    }

    private static Tensor[] Interleave(Tensor[] weights, Tensor[] biases) =>
        [.. weights.Zip(biases, (w, b) => new[] { w, b }).SelectMany(p => p)];

    private static Tensor Replace(Tensor old, Tensor index)
    {
        var kept = Own(old.index_select(0, index));
        old.Dispose();
        return kept;
    }

    private static Tensor Own(Tensor t) => t.detach().requires_grad_(true).DetachFromDisposeScope();
}

using CapacityGrid.Analysis.Measures.Weights;
using CapacityGrid.Analysis.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Models;

/// <summary>
/// A TorchSharp classifier built from an <see cref="IModelSpec"/>: flat feature rows in, class logits out.
/// The trainer, checkpoints, probes and weight measures work on this type, whatever the family.
/// </summary>
public abstract class ClassifierModel : nn.Module<Tensor, Tensor>
{
    /// <summary>Names the module.</summary>
    protected ClassifierModel(string name) : base(name)
    {
    }

    /// <summary>The shape this module was built from.</summary>
    public abstract IModelSpec ModelSpec { get; }

    /// <summary>
    /// Every layer with parameters, input side first, named as in <see cref="IModelSpec.LayerNames"/>, with its
    /// weight, bias and fan-in (inputs per output unit: a conv layer's in-channels x kernel x kernel).
    /// </summary>
    public abstract IReadOnlyList<ParameterLayer> ParameterLayers { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Forward(input, null);

    /// <summary>
    /// The forward pass on flat rows (batch x <see cref="IModelSpec.InputDim"/>): calls <paramref name="onHidden"/>(index,
    /// pre-activation, post-activation) for each hidden layer, both batch x width (<see cref="IModelSpec.HiddenWidths"/>).
    /// The callback must use the tensors before it returns: they are disposed when the pass ends.
    /// </summary>
    public abstract Tensor Forward(Tensor input, Action<int, Tensor, Tensor>? onHidden);

    /// <summary>
    /// PyTorch's default initialisation of Linear and Conv2d, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and
    /// biases, drawn layer by layer from <paramref name="generator"/>.
    /// </summary>
    public void Initialise(Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var layer in ParameterLayers)
        {
            var bound = 1.0 / Math.Sqrt(layer.FanIn);
            layer.Weight.uniform_(-bound, bound, generator);
            layer.Bias.uniform_(-bound, bound, generator);
        }
    }

    /// <summary>
    /// The layers as plain weight matrices: outputs x fan-in (a conv kernel becomes out x (in·k·k)), with the
    /// tensor's own shape in <see cref="WeightMatrix.TensorShape"/>.
    /// </summary>
    public IReadOnlyList<WeightMatrix> ExtractWeights()
    {
        // detach() and cpu() each make a tensor handle: the scope disposes both.
        using var scope = NewDisposeScope();
        var result = new List<WeightMatrix>(ParameterLayers.Count);
        foreach (var layer in ParameterLayers)
        {
            var w = layer.Weight.detach().cpu();
            var b = layer.Bias.detach().cpu();
            var rows = (int)w.shape[0];
            result.Add(new WeightMatrix(layer.Name, rows, (int)(w.numel() / rows), TensorFloats.ToArray(w), TensorFloats.ToArray(b),
                w.dim() == 2 ? null : [.. w.shape.Select(s => (int)s)]));
        }
        return result;
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Models;

/// <summary>The TorchSharp module for an <see cref="MlpSpec"/>.</summary>
public sealed class Mlp : ClassifierModel
{
    private readonly ModuleList<Linear> _layers = new();
    private readonly ActivationKind _activation;
    private readonly ParameterLayer[] _parameterLayers;

    /// <summary>Builds the layers; weights are initialised from torch's current generator.</summary>
    /// <exception cref="ArgumentException">The spec is larger than <see cref="MlpSpec.MaxParameters"/>.</exception>
    public Mlp(MlpSpec spec) : base("mlp")
    {
        Spec = spec.Validated();
        _activation = spec.TypedActivation;
        var fanIn = spec.InputDim;
        foreach (var width in spec.Hidden.Append(spec.Classes))
        {
            _layers.Add(nn.Linear(fanIn, width));
            fanIn = width;
        }
        _parameterLayers = [.. _layers.Select((l, i) => new ParameterLayer(Spec.LayerNames[i], l.weight!, l.bias!, l.in_features))];
        RegisterComponents();
    }

    /// <summary>The shape this module was built from.</summary>
    public MlpSpec Spec { get; }

    /// <summary>The linear layers, input side first (names in <see cref="MlpSpec.LayerNames"/>).</summary>
    public IList<Linear> Layers => _layers;

    /// <inheritdoc />
    public override IModelSpec ModelSpec => Spec;

    /// <inheritdoc />
    public override IReadOnlyList<ParameterLayer> ParameterLayers => _parameterLayers;

    /// <summary>
    /// The forward pass, layer by layer: calls <paramref name="onHidden"/>(index, pre-activation, post-activation)
    /// for each hidden layer (not the output layer) as it goes. The callback must use the two tensors before it
    /// returns: they are disposed when the pass ends. The activation is tanh when the spec says so, else ReLU.
    /// This is the one implementation of the pass; <see cref="ClassifierModel.forward"/> is it without a callback.
    /// </summary>
    public override Tensor Forward(Tensor input, Action<int, Tensor, Tensor>? onHidden)
    {
        using var scope = NewDisposeScope();
        var x = input;
        for (var i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].forward(x);
            if (i < _layers.Count - 1)
            {
                var pre = x;
                x = _activation.Apply(pre);
                onHidden?.Invoke(i, pre, x);
            }
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _layers.Dispose();
        }
        base.Dispose(disposing);
    }
}

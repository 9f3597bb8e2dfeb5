using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Models;

/// <summary>The TorchSharp module for an <see cref="MlpSpec"/>.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> _layers = new();
    private readonly bool _tanh;

    /// <summary>Builds the layers; weights are initialised from torch's current generator.</summary>
    /// <exception cref="ArgumentException">The spec is larger than <see cref="MlpSpec.MaxParameters"/>.</exception>
    public Mlp(MlpSpec spec) : base("mlp")
    {
        Spec = spec.Validated();
        _tanh = spec.Activation == "tanh";
        var fanIn = spec.InputDim;
        foreach (var width in spec.Hidden.Append(spec.Classes))
        {
            _layers.Add(nn.Linear(fanIn, width));
            fanIn = width;
        }
        RegisterComponents();
    }

    /// <summary>The shape this module was built from.</summary>
    public MlpSpec Spec { get; }

    /// <summary>The linear layers, input side first (names in <see cref="MlpSpec.LayerNames"/>).</summary>
    public IList<Linear> Layers => _layers;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        for (var i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].forward(x);
            if (i < _layers.Count - 1)
            {
                x = _tanh ? x.tanh() : x.relu();
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

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Models;

/// <summary>
/// The TorchSharp module for a <see cref="CnnSpec"/>: each conv layer (stride 1, no padding), the activation, then
/// 2x2 max pooling where the spec asks; the last map flattened into the fully connected head.
/// </summary>
public sealed class Cnn : ClassifierModel
{
    private static readonly long[] SpatialDims = [2, 3];
    private readonly ModuleList<Conv2d> _convs = new();
    private readonly ModuleList<Linear> _head = new();
    private readonly ParameterLayer[] _parameterLayers;
    private readonly ActivationKind _activation;

    /// <summary>Builds the layers; weights are initialised from torch's current generator.</summary>
    /// <exception cref="ArgumentException">The spec cannot be built (see <see cref="CnnSpec.Validated"/>).</exception>
    public Cnn(CnnSpec spec) : base("cnn")
    {
        Spec = spec.Validated();
        _activation = spec.TypedActivation;
        var layers = new List<ParameterLayer>();
        var names = spec.LayerNames;
        long inChannels = spec.InputChannels;
        foreach (var conv in spec.Convs)
        {
            var module = nn.Conv2d(inChannels, conv.Channels, conv.Kernel);
            _convs.Add(module);
            layers.Add(new ParameterLayer(names[layers.Count], module.weight!, module.bias!, inChannels * conv.Kernel * conv.Kernel));
            inChannels = conv.Channels;
        }
        var fanIn = spec.FlatFeatures;
        foreach (var width in spec.Hidden.Append(spec.Classes))
        {
            var module = nn.Linear(fanIn, width);
            _head.Add(module);
            layers.Add(new ParameterLayer(names[layers.Count], module.weight!, module.bias!, fanIn));
            fanIn = width;
        }
        _parameterLayers = [.. layers];
        RegisterComponents();
    }

    /// <summary>The shape this module was built from.</summary>
    public CnnSpec Spec { get; }

    /// <inheritdoc />
    public override IModelSpec ModelSpec => Spec;

    /// <inheritdoc />
    public override IReadOnlyList<ParameterLayer> ParameterLayers => _parameterLayers;

    /// <summary>
    /// The forward pass on flat rows, reshaped per batch to channels x height x width. For a conv layer the callback gets
    /// each channel's pre- and post-activation averaged over the feature map (batch x channels, before pooling); for
    /// a hidden head layer its pre- and post-activation as they are.
    /// </summary>
    public override Tensor Forward(Tensor input, Action<int, Tensor, Tensor>? onHidden)
    {
        using var scope = NewDisposeScope();
        var x = input.reshape(input.shape[0], Spec.InputChannels, Spec.Height, Spec.Width);
        for (var i = 0; i < _convs.Count; i++)
        {
            var pre = _convs[i].forward(x);
            x = Activate(pre);
            onHidden?.Invoke(i, pre.mean(SpatialDims), x.mean(SpatialDims));
            if (Spec.Convs[i].Pool == "max")
            {
                x = nn.functional.max_pool2d(x, 2, 2);
            }
        }
        x = x.flatten(1);
        for (var j = 0; j < _head.Count; j++)
        {
            x = _head[j].forward(x);
            if (j < _head.Count - 1)
            {
                var pre = x;
                x = Activate(pre);
                onHidden?.Invoke(_convs.Count + j, pre, x);
            }
        }
        return x.MoveToOuterDisposeScope();
    }

    private Tensor Activate(Tensor pre) => _activation.Apply(pre);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _convs.Dispose();
            _head.Dispose();
        }
        base.Dispose(disposing);
    }
}

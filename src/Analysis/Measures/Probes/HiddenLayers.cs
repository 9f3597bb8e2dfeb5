using CapacityGrid.Analysis.Models;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Measures.Probes;

/// <summary>Runs an <see cref="Mlp"/>'s hidden layers one by one, exposing each layer's pre- and post-activation.</summary>
internal static class HiddenLayers
{
    /// <summary>
    /// Feeds <paramref name="input"/> through the hidden layers (not the output layer), calling
    /// <paramref name="onLayer"/>(index, pre-activation, post-activation) for each. The activation mirrors
    /// <see cref="Mlp.forward"/>: tanh when the spec says so, else ReLU. Tensors land in the caller's scope.
    /// </summary>
    public static void Run(Mlp model, Tensor input, Action<int, Tensor, Tensor> onLayer)
    {
        var tanh = model.Spec.Activation == "tanh";
        var x = input;
        for (var i = 0; i < model.Layers.Count - 1; i++)
        {
            var pre = model.Layers[i].forward(x);
            var post = tanh ? pre.tanh() : pre.relu();
            onLayer(i, pre, post);
            x = post;
        }
    }
}

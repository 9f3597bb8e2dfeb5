using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// Compute of training a model, to compare a probe with a sweep and to size a grid before it runs: sample-epochs
/// (training samples x epochs) and multiply-adds, counting a training step as three forward passes (forward, and
/// backward for inputs and weights).
/// </summary>
public static class TrainingCost
{
    /// <summary>Multiply-adds of one forward pass of one sample through an MLP: its weight count.</summary>
    public static long ForwardMultiplyAdds(MlpSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Head(spec.InputDim, spec.Hidden, spec.Classes);
    }

    /// <summary>
    /// Multiply-adds of one forward pass of one sample: for an MLP its weight count; for a CNN each conv layer's
    /// kernel applied at every position of its (unpooled) output map, then the head.
    /// </summary>
    public static long ForwardMultiplyAdds(IModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec is not CnnSpec cnn)
        {
            return spec is MlpSpec mlp ? ForwardMultiplyAdds(mlp) : throw new ArgumentException($"unknown model family '{spec.Family}'", nameof(spec));
        }
        long total = 0;
        long inChannels = cnn.InputChannels;
        var (h, w) = (cnn.Height, cnn.Width);
        foreach (var conv in cnn.Convs)
        {
            (h, w) = (h - conv.Kernel + 1, w - conv.Kernel + 1);
            total += (long)h * w * conv.Channels * inChannels * conv.Kernel * conv.Kernel;
            if (conv.Pool == "max")
            {
                (h, w) = (h / 2, w / 2);
            }
            inChannels = conv.Channels;
        }
        return total + Head(cnn.FlatFeatures, cnn.Hidden, cnn.Classes);
    }

    /// <summary>Multiply-adds of training <paramref name="spec"/> for <paramref name="sampleEpochs"/> sample-epochs.</summary>
    public static double TrainingMultiplyAdds(MlpSpec spec, long sampleEpochs) => 3.0 * ForwardMultiplyAdds(spec) * sampleEpochs;

    /// <summary>Multiply-adds of training any model for <paramref name="sampleEpochs"/> sample-epochs.</summary>
    public static double TrainingMultiplyAdds(IModelSpec spec, long sampleEpochs) => 3.0 * ForwardMultiplyAdds(spec) * sampleEpochs;

    private static long Head(long fanIn, int[] hidden, int classes)
    {
        long total = 0;
        foreach (var width in hidden.Append(classes))
        {
            total += fanIn * width;
            fanIn = width;
        }
        return total;
    }
}

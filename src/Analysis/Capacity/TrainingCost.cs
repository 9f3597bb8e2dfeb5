using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// Compute of training MLPs, to compare a probe with a sweep: sample-epochs (training samples x epochs) and
/// multiply-adds, counting a training step as three forward passes (forward, and backward for inputs and weights).
/// </summary>
public static class TrainingCost
{
    /// <summary>Multiply-adds of one forward pass of one sample: the weight count.</summary>
    public static long ForwardMultiplyAdds(MlpSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        long total = 0;
        var fanIn = spec.InputDim;
        foreach (var width in spec.Hidden.Append(spec.Classes))
        {
            total += (long)fanIn * width;
            fanIn = width;
        }
        return total;
    }

    /// <summary>Multiply-adds of training <paramref name="spec"/> for <paramref name="sampleEpochs"/> sample-epochs.</summary>
    public static double TrainingMultiplyAdds(MlpSpec spec, long sampleEpochs) => 3.0 * ForwardMultiplyAdds(spec) * sampleEpochs;
}

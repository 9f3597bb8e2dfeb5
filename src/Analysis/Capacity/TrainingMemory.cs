using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// Bytes one training run holds at its peak, part by part, for float32 training on one device: the weights, their
/// gradients, the optimizer's state, one batch of activations (kept for the backward pass, with their gradients)
/// the data set (the managed arrays and the tensors the trainer makes of them), and the layer measures (a float64
/// covariance of every hidden layer, and the copies the eigen-decomposition of the widest takes).
/// </summary>
/// <param name="Weights">4 bytes per parameter.</param>
/// <param name="Gradients">4 bytes per parameter.</param>
/// <param name="OptimizerState">Adam: two moments (8 bytes per parameter); SGD with momentum: one (4); plain SGD: none.</param>
/// <param name="Activations">One batch's layer outputs, pre-activations and their gradients.</param>
/// <param name="Data">Every sample of the data set, twice (array and tensor).</param>
/// <param name="LayerMeasures">8 bytes per entry of each hidden layer's width x width covariance, and two more of the widest.</param>
public sealed record TrainingMemory(long Weights, long Gradients, long OptimizerState, long Activations, long Data, long LayerMeasures)
{
    private const long Float = sizeof(float);

    /// <summary>All parts together.</summary>
    public long Total => Weights + Gradients + OptimizerState + Activations + Data + LayerMeasures;

    /// <summary>
    /// The estimate for training <paramref name="spec"/> with <paramref name="optimizer"/> (Adam or SGD;
    /// <paramref name="momentum"/> 0 keeps SGD stateless) at <paramref name="batchSize"/>, on a data set of
    /// <paramref name="samples"/> rows (train, validation and test parts together).
    /// </summary>
    public static TrainingMemory Of(IModelSpec spec, OptimizerKind optimizer, double momentum, int batchSize, long samples)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parameters = spec.ParameterCount;
        var moments = optimizer switch
        {
            OptimizerKind.Adam => 2,
            OptimizerKind.Sgd => momentum > 0 ? 1 : 0,
            _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "not an optimizer kind"),
        };
        // Each hidden value is stored as pre-activation and output, and gets a gradient in the backward pass.
        var activations = Float * batchSize * (spec.InputDim + 3 * ActivationsPerSample(spec) + 2L * spec.Classes);
        // Features as float, labels as int in the arrays and as long in the label tensor.
        var data = samples * (2 * Float * spec.InputDim + sizeof(int) + sizeof(long));
        // Measured: a 20-32768-4 MLP (786k parameters) grew past 10 GB in its layer measures, not in its training.
        var widths = spec.HiddenWidths.Select(w => (long)w).DefaultIfEmpty(0).ToArray();
        var measures = sizeof(double) * (widths.Sum(w => w * w) + 2 * widths.Max() * widths.Max());
        return new TrainingMemory(Float * parameters, Float * parameters, moments * Float * parameters, activations, data, measures);
    }

    // Values per sample that every hidden layer outputs; a conv layer's unpooled map and its pooled one.
    private static long ActivationsPerSample(IModelSpec spec)
    {
        if (spec is not CnnSpec cnn)
        {
            return spec.HiddenWidths.Sum(w => (long)w);
        }
        long total = 0;
        var (h, w) = (cnn.Height, cnn.Width);
        foreach (var conv in cnn.Convs)
        {
            (h, w) = (h - conv.Kernel + 1, w - conv.Kernel + 1);
            total += (long)conv.Channels * h * w;
            if (conv.Pool == "max")
            {
                (h, w) = (h / 2, w / 2);
                total += (long)conv.Channels * h * w;
            }
        }
        return total + cnn.Hidden.Sum(x => (long)x);
    }
}

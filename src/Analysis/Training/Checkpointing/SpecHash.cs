using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>
/// The identity of a run's trajectory: SHA-256 (lowercase hex) of the model spec and the options that
/// decide the weights (optimizer, learning rate, batch size, momentum, weight decay, seed). Epochs, early
/// stopping, device and threads are left out: a run may be extended, or resumed on another machine.
/// </summary>
public static class SpecHash
{
    /// <summary>The text that is hashed, readable in error messages.</summary>
    public static string Describe(IModelSpec spec, TrainOptions options) => string.Create(
        CultureInfo.InvariantCulture,
        $"{spec.HashText}; " +
        $"optimizer={OptimizerKinds.Name(options.Optimizer)} lr={options.LearningRate:R} batch={options.BatchSize} momentum={options.Momentum:R} weightDecay={options.WeightDecay:R} seed={options.Seed}");

    /// <summary>The hash of <see cref="Describe"/>.</summary>
    public static string Of(IModelSpec spec, TrainOptions options) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Describe(spec, options))));
}

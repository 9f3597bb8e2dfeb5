using System.Diagnostics;
using System.Globalization;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Bench.Training;

/// <summary>
/// Training throughput of a 2-conv CNN on 1x28x28 images (conv 8 k3, max pool, conv 16 k3, max pool, fc 64, 10 classes;
/// ReLU; Adam; batch 128; random inputs and labels), as the trainer runs it per batch (flat rows reshaped in the
/// model, our own Adam), against the same loop on the MLP 784-256-256-10 in the same run, at 1 torch thread and at
/// one per core. Also the CNN's multiply-adds per sample and its rate in GFLOP/s (6·MAC per training sample) as a
/// fraction of this process's 2048² matmul rate.
/// </summary>
public static class CnnThroughputBench
{
    /// <summary>The benchmarked CNN.</summary>
    public static readonly CnnSpec Spec = new(1, 28, 28, [new ConvLayerSpec(8, 3, "max"), new ConvLayerSpec(16, 3, "max")], [64], 10);

    /// <summary>Forward multiply-adds per sample: conv1 26²·8·9, conv2 11²·16·8·9, fc 400·64, out 64·10.</summary>
    public const long MultiplyAdds = 26 * 26 * 8 * 9 + 11 * 11 * 16 * 8 * 9 + 400 * 64 + 64 * 10;

    private const int BatchSize = 128;
    private const int Rounds = 3;

    /// <summary>Runs at 1 thread and at one per core, restoring torch's setting; about a minute on 2 idle cores.</summary>
    public static void Run(TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        var threads = get_num_threads();
        try
        {
            foreach (var count in new[] { 1, Environment.ProcessorCount }.Distinct())
            {
                set_num_threads(count);
                var gflops = ThroughputBench.MatmulGflops();
                var cnn = StepLoopSamplesPerSecond(Spec, 150);
                var mlp = StepLoopSamplesPerSecond(new MlpSpec(784, [256, 256], 10), 300);
                output.WriteLine(string.Create(culture, $"torch threads: {count}, device: cpu, matmul {gflops:F1} GFLOP/s"));
                output.WriteLine(string.Create(culture,
                    $"  cnn {Spec} ({Spec.ParameterCount} parameters, {MultiplyAdds} MAC/sample), batch {BatchSize}: {cnn:F0} samples/s = " +
                    $"{cnn * 6 * MultiplyAdds / 1e9:F2} GFLOP/s = {cnn * 6 * MultiplyAdds / 1e9 / gflops:P1} of matmul"));
                output.WriteLine(string.Create(culture, $"  mlp 784-256-256-10, batch {BatchSize}: {mlp:F0} samples/s; cnn / mlp = {cnn / mlp:F3}"));
            }
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    /// <summary>Best-of-rounds samples/s of the trainer's per-batch step (index, forward, loss, backward, Adam) on random data.</summary>
    public static double StepLoopSamplesPerSecond(IModelSpec spec, int stepsPerRound)
    {
        const int samples = BatchSize * 32;
        using var scope = NewDisposeScope();
        using var generator = new Generator(2);
        var x = randn([samples, spec.InputDim], generator: generator);
        var y = randint(spec.Classes, [samples], generator: generator);
        using var model = spec.Build();
        model.Initialise(generator);
        using var optimizer = ModelOptimizer.Create(model.parameters(), new TrainOptions(Epochs: 1));
        model.train();
        return StepLoop.BestSamplesPerSecond(x, y, BatchSize, stepsPerRound, Rounds, model.forward, optimizer.ZeroGrad, optimizer.Step);
    }
}

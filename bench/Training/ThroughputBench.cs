using System.Diagnostics;
using System.Globalization;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Bench.Training;

/// <summary>
/// Training throughput against this process's matmul roofline, on the CPU, at 1 torch thread and at one per core.
/// <list type="bullet">
/// <item>Roofline: float32 2048 x 2048 matmul, 2·2048³ FLOP each, best of several timed rounds, in GFLOP/s.</item>
/// <item>Model: MLP 784-256-256-10 (ReLU), Adam, batch 128, random inputs and labels.</item>
/// <item>FLOP per training sample, by convention (forward 2 FLOP per multiply-add, backward 4): 6·MAC, with
/// MAC = 784·256 + 256·256 + 256·10 = 268,800, so 1,612,800 FLOP. The work torch really does is smaller,
/// since the first layer needs no input gradient: 6·MAC − 2·784·256 = 1,211,392 FLOP; printed as "exact".
/// Bias adds, activations, the loss and the Adam update are not counted (they are memory-bound).</item>
/// <item>Roofline samples/s = matmul FLOP/s ÷ FLOP per sample; fraction = measured samples/s ÷ roofline samples/s.</item>
/// <item>Two training measurements: the bare step loop (index batch, forward, backward, Adam step, as
/// <see cref="ClassifierTrainer"/> does per batch), and <see cref="ClassifierTrainer.Train"/> end to end (adds per-epoch
/// evaluation of train and test parts and checkpoint serialisation).</item>
/// </list>
/// </summary>
public static class ThroughputBench
{
    /// <summary>Multiply-adds of one sample's forward pass through 784-256-256-10.</summary>
    public const long MultiplyAdds = 784 * 256 + 256 * 256 + 256 * 10;

    /// <summary>FLOP per training sample by the 6·MAC convention.</summary>
    public const long FlopPerSample = 6 * MultiplyAdds;

    /// <summary>FLOP per training sample that torch actually performs (no input gradient for the first layer).</summary>
    public const long ExactFlopPerSample = 6 * MultiplyAdds - 2 * 784 * 256;

    private const int BatchSize = 128;
    private const int Rounds = 3;

    /// <summary>
    /// Runs the measurements with 1 torch thread and with one per core (restoring torch's setting after) and prints
    /// them to <paramref name="output"/>. Takes about a minute on 2 idle cores. Other load on the machine hurts
    /// the multi-thread numbers most: torch's OpenMP threads wait on each other at every small matmul.
    /// </summary>
    public static void Run(TextWriter output)
    {
        var threads = get_num_threads();
        try
        {
            foreach (var count in new[] { 1, Environment.ProcessorCount }.Distinct())
            {
                set_num_threads(count);
                RunAt(output);
            }
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    private static void RunAt(TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"torch threads: {get_num_threads()}, device: cpu"));
        var gflops = MatmulGflops();
        output.WriteLine(string.Create(culture, $"  matmul 2048x2048 float32: {gflops:F1} GFLOP/s (best of {Rounds})"));
        var roofline = gflops * 1e9 / FlopPerSample;
        var exactRoofline = gflops * 1e9 / ExactFlopPerSample;
        output.WriteLine(string.Create(culture, $"  roofline for 784-256-256-10: {roofline:F0} samples/s at {FlopPerSample} FLOP/sample (6·MAC); {exactRoofline:F0} at {ExactFlopPerSample} (exact)"));
        var steps = StepLoopSamplesPerSecond();
        output.WriteLine(string.Create(culture, $"  step loop, batch {BatchSize}: {steps:F0} samples/s = {steps / roofline:P1} of roofline (6·MAC), {steps / exactRoofline:P1} (exact)"));
        var engine = TrainerSamplesPerSecond();
        output.WriteLine(string.Create(culture, $"  ClassifierTrainer.Train, batch {BatchSize}, with evaluation and checkpoints: {engine:F0} samples/s = {engine / roofline:P1} of roofline (6·MAC), {engine / exactRoofline:P1} (exact)"));
    }

    /// <summary>Best-of-rounds GFLOP/s of a 2048 x 2048 float32 matmul.</summary>
    public static double MatmulGflops()
    {
        const int n = 2048, repeats = 10;
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var a = randn([n, n], generator: generator);
        var b = randn([n, n], generator: generator);
        matmul(a, b).Dispose();
        var best = 0.0;
        for (var round = 0; round < Rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < repeats; i++)
            {
                matmul(a, b).Dispose();
            }
            best = Math.Max(best, 2.0 * n * n * n * repeats / watch.Elapsed.TotalSeconds / 1e9);
        }
        return best;
    }

    /// <summary>Best-of-rounds samples/s of the bare training step on 784-256-256-10.</summary>
    public static double StepLoopSamplesPerSecond()
    {
        const int samples = BatchSize * 64, stepsPerRound = 500;
        using var scope = NewDisposeScope();
        using var generator = new Generator(2);
        var x = randn([samples, 784], generator: generator);
        var y = randint(10, [samples], generator: generator);
        using var model = new Mlp(new MlpSpec(784, [256, 256], 10));
        // The optimizer ClassifierTrainer uses (Adam, learning rate 1e-3).
        using var optimizer = ModelOptimizer.Create(model.parameters(), new TrainOptions(Epochs: 1));
        model.train();
        return StepLoop.BestSamplesPerSecond(x, y, BatchSize, stepsPerRound, Rounds, model.forward, optimizer.ZeroGrad, optimizer.Step);
    }

    /// <summary>Best-of-rounds samples/s of <see cref="ClassifierTrainer.Train"/> on random data: 16,384 training samples, 2 epochs, 1,024 test samples, wall time of the whole call.</summary>
    public static double TrainerSamplesPerSecond()
    {
        const int train = 16_384, test = 1_024, epochs = 2;
        var random = new Random(3);
        TabularData Random(int n) => new(
            [.. Enumerable.Range(0, n * 784).Select(_ => (float)random.NextDouble())], n, 784,
            [.. Enumerable.Range(0, n).Select(_ => random.Next(10))], 10);
        var data = new DataSplit(Random(train), Random(test), "random");
        var spec = new MlpSpec(784, [256, 256], 10);
        var options = new TrainOptions(Epochs: epochs, BatchSize: BatchSize, Device: DeviceKind.Cpu);
        ClassifierTrainer.Train(data, spec, options with { Epochs = 1 }, _ => { });
        var best = 0.0;
        for (var round = 0; round < Rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            ClassifierTrainer.Train(data, spec, options, _ => { });
            best = Math.Max(best, (double)train * epochs / watch.Elapsed.TotalSeconds);
        }
        return best;
    }
}

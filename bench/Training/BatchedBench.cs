using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Batched;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;

namespace CapacityGrid.Bench.Training;

/// <summary>
/// Model-samples per second of K = 8 same-shape MLPs trained as one stack against the same 8 trained one at
/// a time: 784 inputs, two hidden layers of width 16, 64 and 256, 10 classes, batch 128, Adam, random data.
/// Measured twice: training steps alone (the step loops of <see cref="ClassifierTrainer"/> and
/// <see cref="BatchedMlpTrainer"/>, rebuilt here from their public parts), and whole epochs through the
/// trainers, which add the per-epoch evaluation on the full train and test sets and the checkpoints.
/// Per width it also prints the ceiling (the matmul roofline over the exact FLOP per sample, against one model
/// at a time: no stacking can beat it) and the single-model steps with TorchSharp's Adam against the grid's
/// one-pass Adam. First at 1 torch thread (the grid's setting), then at one per core.
/// </summary>
public static class BatchedBench
{
    private const int Members = 8;
    private const int Inputs = 784;
    private const int Classes = 10;
    private const int BatchSize = 128;
    private const int TrainSamples = 8192;
    private const int TestSamples = 1024;
    private const int Repeats = 3;
    private const int MaxAttempts = 5;
    private const long NoGcBytes = 240L << 20;

    /// <summary>Runs the comparison and writes a table of model-samples per second and their ratios to <paramref name="output"/>.</summary>
    public static void Run(TextWriter output)
    {
        // First at 1 torch thread, the grid's setting (Training:TorchThreads; one slot per core), then one per core.
        var threads = torch.get_num_threads();
        try
        {
            foreach (var count in new[] { 1, Environment.ProcessorCount }.Distinct())
            {
                torch.set_num_threads(count);
                RunAt(output);
                output.WriteLine();
            }
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    private static void RunAt(TextWriter output)
    {
        var data = RandomData(seed: 1);
        var members = Enumerable.Range(1, Members)
            .Select(seed => new TrainOptions(Epochs: 1, LearningRate: 1e-3, BatchSize: BatchSize, Seed: seed))
            .ToArray();
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(data.Train.Features, [data.Train.Samples, Inputs]);
        var y = torch.tensor(data.Train.Labels.Select(l => (long)l).ToArray());
        // Warm up the JIT and torch's kernels on a small shape, so the first width is not charged for them.
        var warmUp = new MlpSpec(Inputs, [8, 8], Classes);
        Compare(TextWriter.Null, members, () => SingleSteps(x, y, warmUp, members), () => StackedSteps(x, y, warmUp, members));

        var gflops = ThroughputBench.MatmulGflops();
        output.WriteLine($"K = {Members} MLPs {Inputs}-w-w-{Classes}, Adam, batch {BatchSize}, {TrainSamples} training samples, one epoch, best of {Repeats}; torch threads {torch.get_num_threads()}; matmul {gflops:F1} GFLOP/s");
        output.WriteLine("model-samples per second (models x training samples / wall time):");
        output.WriteLine($"{"width",6} {"what",-8} {"one at a time",14} {"stacked",10} {"ratio",7}");
        foreach (var width in new[] { 16, 64, 256 })
        {
            var spec = new MlpSpec(Inputs, [width, width], Classes);
            var (single, stacked) = Compare(output, members, () => SingleSteps(x, y, spec, members), () => StackedSteps(x, y, spec, members));
            output.WriteLine($"{width,6} {"steps",-8} {single,14:F0} {stacked,10:F0} {stacked / single,6:F2}x");
            // The most any stacking could give: every FLOP at the matmul rate, against one model at a time as measured.
            var roofline = gflops * 1e9 / ExactFlopPerSample(width);
            output.WriteLine($"{width,6} {"ceiling",-8} {single / roofline,13:P0} {stacked / roofline,9:P0}  {roofline / single,5:F2}x  (share of the matmul roofline; roofline / one at a time)");
            // The same single-model steps with TorchSharp's Adam (torch element-wise ops, 8 passes per parameter)
            // against the grid's one-pass update: what the fused optimizer gained.
            var (torchAdam, fused) = Compare(output, members, () => SingleSteps(x, y, spec, members, torchAdam: true), () => SingleSteps(x, y, spec, members));
            output.WriteLine($"{width,6} {"adam",-8} {torchAdam,14:F0} {fused,10:F0} {fused / torchAdam,6:F2}x  (one at a time: torch.optim.Adam; the grid's fused Adam)");
            (single, stacked) = Compare(output, members,
                () => Array.ForEach(members, m => ClassifierTrainer.Train(data, spec, m, _ => { })),
                () => BatchedMlpTrainer.Train(data, spec, members, (_, _) => { }));
            output.WriteLine($"{width,6} {"epochs",-8} {single,14:F0} {stacked,10:F0} {stacked / single,6:F2}x");
        }
    }

    // FLOP torch performs per training sample of 784-w-w-10: forward 2 and backward 4 per multiply-add, less the
    // first layer's input gradient, which is never computed.
    private static double ExactFlopPerSample(int width) =>
        6.0 * (Inputs * width + width * width + width * Classes) - 2.0 * Inputs * width;

    // Model-samples per second of the two ways, each the best of a few runs.
    private static (double Single, double Stacked) Compare(TextWriter output, TrainOptions[] members, Action single, Action stacked)
    {
        var modelSamples = (double)members.Length * TrainSamples;
        var bestSingle = double.MaxValue;
        var bestStacked = double.MaxValue;
        for (var r = 0; r < Repeats; r++)
        {
            bestSingle = Math.Min(bestSingle, Seconds(output, single));
            bestStacked = Math.Min(bestStacked, Seconds(output, stacked));
        }
        return (modelSamples / bestSingle, modelSamples / bestStacked);
    }

    // One epoch of ClassifierTrainer's training step for each member in turn, without evaluation.
    private static void SingleSteps(torch.Tensor x, torch.Tensor y, MlpSpec spec, TrainOptions[] members, bool torchAdam = false)
    {
        foreach (var member in members)
        {
            using var scope = torch.NewDisposeScope();
            using var generator = new torch.Generator((ulong)member.Seed);
            using var model = new Mlp(spec);
            using var optimizer = ModelOptimizer.Create(model.parameters(), member);
            using var torchOptimizer = torchAdam ? torch.optim.Adam(model.parameters(), member.LearningRate) : null;
            var n = x.shape[0];
            var order = torch.randperm(n, generator: generator);
            for (long start = 0; start < n; start += BatchSize)
            {
                using var batch = torch.NewDisposeScope();
                var index = order.slice(0, start, Math.Min(start + BatchSize, n), 1);
                optimizer.ZeroGrad();
                var loss = torch.nn.functional.cross_entropy(model.forward(x.index_select(0, index)), y.index_select(0, index));
                _ = loss.item<float>();
                loss.backward();
                if (torchOptimizer is not null)
                {
                    torchOptimizer.step();
                }
                else
                {
                    optimizer.Step();
                }
            }
        }
    }

    // One epoch of BatchedMlpTrainer's training step for all members at once, without evaluation.
    private static void StackedSteps(torch.Tensor x, torch.Tensor y, MlpSpec spec, TrainOptions[] members)
    {
        using var scope = torch.NewDisposeScope();
        var generators = members.Select(m => new torch.Generator((ulong)m.Seed)).ToArray();
        using var model = BatchedMlp.Initialised(spec, generators);
        using var optimizer = StackedOptimizer.Create(members, model.Parameters);
        var n = x.shape[0];
        var k = members.Length;
        var orders = torch.stack(generators.Select(g => torch.randperm(n, generator: g)));
        for (long start = 0; start < n; start += BatchSize)
        {
            using var batch = torch.NewDisposeScope();
            var length = Math.Min(BatchSize, n - start);
            var index = orders.narrow(1, start, length).reshape(-1);
            model.ZeroGrad();
            var logits = model.Forward(x.index_select(0, index).view(k, length, -1));
            var losses = torch.nn.functional.cross_entropy(logits.view(k * length, -1), y.index_select(0, index), reduction: torch.nn.Reduction.None)
                .view(k, length).mean([1]);
            _ = losses.detach().data<float>().ToArray();
            losses.sum().backward();
            optimizer.Step(model.Parameters);
        }
        foreach (var g in generators)
        {
            g.Dispose();
        }
    }

    // Wall time of one run. TorchSharp 0.107's own optimizers pass implicitly converted Scalars that the
    // finalizer can free during the native call; such a run fails in c10/core/Scalar.h (toFloat, toDouble).
    // Each run therefore starts a no-GC region when the runtime grants one (both ways alike; collections
    // cost little here) and is run again if it still fails that way.
    private static double Seconds(TextWriter output, Action run)
    {
        for (var attempt = 1; ; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var noGc = TryStartNoGcRegion();
            var watch = Stopwatch.StartNew();
            try
            {
                run();
                return watch.Elapsed.TotalSeconds;
            }
            catch (ExternalException e) when (attempt < MaxAttempts && e.Message.Contains("Scalar.h", StringComparison.Ordinal))
            {
                output.WriteLine($"  (run failed in TorchSharp with a freed Scalar, attempt {attempt}; running it again)");
            }
            finally
            {
                if (noGc && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                {
                    GC.EndNoGCRegion();
                }
            }
        }
    }

    private static bool TryStartNoGcRegion()
    {
        try
        {
            return GC.TryStartNoGCRegion(NoGcBytes);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static DataSplit RandomData(int seed)
    {
        var random = new Random(seed);
        TabularData Part(int samples)
        {
            var features = new float[samples * Inputs];
            for (var i = 0; i < features.Length; i++)
            {
                features[i] = (float)random.NextDouble();
            }
            var labels = Enumerable.Range(0, samples).Select(_ => random.Next(Classes)).ToArray();
            return new TabularData(features, samples, Inputs, labels, Classes);
        }
        return new DataSplit(Part(TrainSamples), Part(TestSamples), "random");
    }
}

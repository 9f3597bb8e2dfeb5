using System.Diagnostics;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Weights;
using CapacityGrid.Analysis.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training;

/// <summary>
/// Trains an <see cref="MlpSpec"/> on a <see cref="DataSplit"/> with TorchSharp on the calling thread.
/// Callers run it on a thread of their own; it blocks until training ends.
/// </summary>
public static class MlpTrainer
{
    private const int EvalBatch = 4096;

    /// <summary>
    /// Trains for <see cref="TrainOptions.Epochs"/> epochs, calling <paramref name="onEpoch"/> after each.
    /// When <paramref name="resume"/> is given, starts from its weights at the epoch after it.
    /// A NaN or infinite loss ends training as diverged; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static TrainOutcome Train(
        DataSplit data,
        MlpSpec spec,
        TrainOptions options,
        Action<EpochReport> onEpoch,
        CancellationToken cancellationToken = default,
        ResumePoint? resume = null)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)options.Seed);
        using var model = new Mlp(spec);
        Initialise(model, generator);
        if (resume is not null)
        {
            Checkpoints.LoadWeights(model, resume.Checkpoint);
        }

        var trainX = tensor(data.Train.Features, [data.Train.Samples, data.Train.FeatureCount]);
        var trainY = tensor(data.Train.Labels.Select(l => (long)l).ToArray());
        var testX = tensor(data.Test.Features, [data.Test.Samples, data.Test.FeatureCount]);
        var testY = tensor(data.Test.Labels.Select(l => (long)l).ToArray());
        using var optimizer = CreateOptimizer(model, options);

        var firstEpoch = (resume?.Epoch ?? 0) + 1;
        // Replay the batch-order draws of the epochs already done, so a resumed run sees the same batches.
        for (var e = 1; e < firstEpoch; e++)
        {
            randperm(data.Train.Samples, generator: generator).Dispose();
        }

        for (var epoch = firstEpoch; epoch <= options.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            model.train();
            var finite = TrainEpoch(model, optimizer, trainX, trainY, options.BatchSize, generator, cancellationToken);
            var (trainLoss, trainAcc) = Evaluate(model, trainX, trainY);
            var (testLoss, testAcc) = Evaluate(model, testX, testY);
            if (!finite || !double.IsFinite(trainLoss))
            {
                return new TrainOutcome(spec.ParameterCount, ExtractWeights(model), epoch);
            }
            onEpoch(new EpochReport(epoch, trainLoss, trainAcc, testLoss, testAcc, watch.Elapsed, Checkpoints.SaveWeights(model)));
        }
        return new TrainOutcome(spec.ParameterCount, ExtractWeights(model), null);
    }

    /// <summary>The model's linear layers as plain weight matrices, named as in <see cref="MlpSpec.LayerNames"/>.</summary>
    public static IReadOnlyList<WeightMatrix> ExtractWeights(Mlp model)
    {
        var names = model.Spec.LayerNames;
        var result = new List<WeightMatrix>(model.Layers.Count);
        for (var i = 0; i < model.Layers.Count; i++)
        {
            var layer = model.Layers[i];
            using var w = layer.weight!.detach().cpu();
            using var b = layer.bias!.detach().cpu();
            result.Add(new WeightMatrix(names[i], (int)w.shape[0], (int)w.shape[1], w.data<float>().ToArray(), b.data<float>().ToArray()));
        }
        return result;
    }

    // PyTorch's default Linear initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn from a
    // generator of the run's own so concurrent trainers never share random state.
    private static void Initialise(Mlp model, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var layer in model.Layers)
        {
            var bound = 1.0 / Math.Sqrt(layer.in_features);
            layer.weight!.uniform_(-bound, bound, generator);
            layer.bias!.uniform_(-bound, bound, generator);
        }
    }

    private static optim.Optimizer CreateOptimizer(Mlp model, TrainOptions options) => options.Optimizer switch
    {
        "sgd" => optim.SGD(model.parameters(), options.LearningRate, options.Momentum, weight_decay: options.WeightDecay),
        "adam" => optim.Adam(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay),
        _ => throw new ArgumentException($"unknown optimizer '{options.Optimizer}' (expected adam or sgd)"),
    };

    private static bool TrainEpoch(Mlp model, optim.Optimizer optimizer, Tensor x, Tensor y, int batchSize, Generator generator, CancellationToken cancellationToken)
    {
        var n = x.shape[0];
        using var order = randperm(n, generator: generator);
        for (long start = 0; start < n; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var batchScope = NewDisposeScope();
            var index = order.slice(0, start, Math.Min(start + batchSize, n), 1);
            var bx = x.index_select(0, index);
            var by = y.index_select(0, index);
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(bx), by);
            var value = loss.item<float>();
            if (!float.IsFinite(value))
            {
                return false;
            }
            loss.backward();
            optimizer.step();
        }
        return true;
    }

    /// <summary>Mean cross-entropy loss (nats) and accuracy of <paramref name="model"/> on a whole set.</summary>
    public static (double Loss, double Accuracy) Evaluate(Mlp model, Tensor x, Tensor y)
    {
        model.eval();
        using var noGrad = no_grad();
        var n = x.shape[0];
        double lossSum = 0;
        long correct = 0;
        for (long start = 0; start < n; start += EvalBatch)
        {
            using var batchScope = NewDisposeScope();
            var end = Math.Min(start + EvalBatch, n);
            var bx = x.slice(0, start, end, 1);
            var by = y.slice(0, start, end, 1);
            var logits = model.forward(bx);
            lossSum += nn.functional.cross_entropy(logits, by, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(by).sum().item<long>();
        }
        return (lossSum / n, (double)correct / n);
    }
}

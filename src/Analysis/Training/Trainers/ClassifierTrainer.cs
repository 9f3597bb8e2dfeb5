using System.Diagnostics;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Weights;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Tracking;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>
/// Trains a model of any family (an <see cref="MlpSpec"/> or a <see cref="CnnSpec"/>, through <see cref="IModelSpec"/> and
/// <see cref="ClassifierModel"/>) on a <see cref="DataSplit"/> with TorchSharp on the calling thread.
/// Callers run it on a thread of their own; it blocks until training ends.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>Rows per forward pass when evaluating a whole part.</summary>
    internal const int EvalBatch = 4096;

    /// <summary>
    /// Trains for <see cref="TrainOptions.Epochs"/> epochs, calling <paramref name="onEpoch"/> after each with the
    /// epoch's metrics and a full checkpoint (<see cref="CheckpointFormat"/>).
    /// When <paramref name="resume"/> is given, continues after its epoch exactly as if the run had not stopped
    /// (weights, optimizer state, random generator and early-stopping state all come from the checkpoint).
    /// <paramref name="validation"/> is measured after each epoch; early stopping (<see cref="TrainOptions.EarlyStopping"/>)
    /// watches its loss and needs it. A NaN or infinite loss ends training as diverged; cancellation throws
    /// <see cref="OperationCanceledException"/>.
    /// With <paramref name="layers"/>, each epoch's report also carries the hidden layers' measures
    /// (<see cref="EpochReport.Layers"/>); saturation is accumulated during the evaluation passes over the train and
    /// test parts, so it needs no extra forward pass. Training itself is the same with and without it.
    /// </summary>
    /// <exception cref="ArgumentException">An option or the spec cannot be used; early stopping without a validation set.</exception>
    /// <exception cref="CheckpointFormatException">The resume payload is not a checkpoint of this format and version.</exception>
    /// <exception cref="CheckpointMismatchException">The resume checkpoint was made for another spec or other options, or another epoch.</exception>
    public static TrainOutcome Train(
        DataSplit data,
        IModelSpec spec,
        TrainOptions options,
        Action<EpochReport> onEpoch,
        CancellationToken cancellationToken = default,
        ResumePoint? resume = null,
        TabularData? validation = null,
        LayerTracking? layers = null)
    {
        options.Validated();
        layers?.Validated();
        if (options.EarlyStopping is not null && validation is null)
        {
            throw new ArgumentException("early stopping watches the validation loss, so it needs a validation set", nameof(validation));
        }
        var hash = SpecHash.Of(spec, options);
        var restored = resume is null ? null : Restore(resume, spec, options, hash);
        TrainingDevice.ApplyThreads(options.Threads);
        var device = TrainingDevice.Resolve(options.Device);

        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)options.Seed);
        using var model = spec.Build();
        model.Initialise(generator);
        var stopper = options.EarlyStopping is { } early ? new EarlyStopper(early) : null;
        if (restored is not null)
        {
            // Weights load on the CPU, then move with the model.
            Checkpoints.LoadWeights(model, restored.Weights);
            SetGeneratorState(generator, restored.GeneratorState);
            stopper?.Restore(restored.BestValidationLoss, restored.EpochsWithoutImprovement);
        }
        model.to(device);
        using var optimizer = ModelOptimizer.Create(model.parameters(), options);
        if (restored is not null)
        {
            optimizer.LoadState(restored.OptimizerState);
        }

        var (trainX, trainY) = ToTensors(data.Train, device);
        var (testX, testY) = ToTensors(data.Test, device);
        Tensor? validX = null, validY = null;
        if (validation is not null)
        {
            (validX, validY) = ToTensors(validation, device);
        }

        var tracker = layers is { Any: true } ? new LayerTracker(spec, layers, data) : null;

        for (var epoch = (restored?.Epoch ?? 0) + 1; epoch <= options.Epochs; epoch++)
        {
            using var epochScope = NewDisposeScope();
            var watch = Stopwatch.StartNew();
            // One timestamp per phase boundary per epoch: the step loop itself stays as it was.
            var started = Stopwatch.GetTimestamp();
            model.train();
            if (!TrainEpoch(model, optimizer, trainX, trainY, options.BatchSize, generator, cancellationToken))
            {
                return new TrainOutcome(spec.ParameterCount, ExtractWeights(model), epoch);
            }
            var trained = Stopwatch.GetTimestamp();
            var (trainLoss, trainAcc) = Evaluate(model, trainX, trainY, tracker?.TrainPass);
            if (!double.IsFinite(trainLoss))
            {
                return new TrainOutcome(spec.ParameterCount, ExtractWeights(model), epoch);
            }
            var (testLoss, testAcc) = Evaluate(model, testX, testY, tracker?.TestPass);
            (double Loss, double Accuracy)? validated = validX is not null && validY is not null ? Evaluate(model, validX, validY) : null;
            var evaluated = Stopwatch.GetTimestamp();
            var stop = stopper is not null && validated is { } v && stopper.Observe(v.Loss);
            var layerMeasures = tracker?.Measure(model, data, cancellationToken);
            var phases = new EpochPhases(
                Stopwatch.GetElapsedTime(started, trained), Stopwatch.GetElapsedTime(trained, evaluated), Stopwatch.GetElapsedTime(evaluated));
            var metrics = new CheckpointMetrics(trainLoss, trainAcc, testLoss, testAcc, validated?.Loss, validated?.Accuracy, watch.Elapsed);
            var checkpoint = new TrainingCheckpoint(
                spec, hash, epoch, metrics,
                stopper?.BestLoss ?? double.PositiveInfinity, stopper?.EpochsWithoutImprovement ?? 0,
                Checkpoints.SaveWeights(model), optimizer.SaveState(), GetGeneratorState(generator));
            onEpoch(new EpochReport(epoch, trainLoss, trainAcc, testLoss, testAcc, watch.Elapsed,
                CheckpointFormat.Write(checkpoint), validated?.Loss, validated?.Accuracy, layerMeasures, phases));
            if (stop && epoch < options.Epochs)
            {
                return new TrainOutcome(spec.ParameterCount, ExtractWeights(model), null, epoch);
            }
        }
        return new TrainOutcome(spec.ParameterCount, ExtractWeights(model), null);
    }

    /// <summary>The model's layers as plain weight matrices, named as in <see cref="IModelSpec.LayerNames"/> (see <see cref="ClassifierModel.ExtractWeights"/>).</summary>
    public static IReadOnlyList<WeightMatrix> ExtractWeights(ClassifierModel model) => model.ExtractWeights();

    /// <summary>Mean cross-entropy loss (nats) and accuracy of <paramref name="model"/> on a whole set.</summary>
    public static (double Loss, double Accuracy) Evaluate(ClassifierModel model, Tensor x, Tensor y) => Evaluate(model, x, y, null);

    // With a pass, every batch's hidden pre-activations also go into its covariance accumulators.
    internal static (double Loss, double Accuracy) Evaluate(ClassifierModel model, Tensor x, Tensor y, PassCovariance? pass)
    {
        model.eval();
        using var noGrad = no_grad();
        var n = x.shape[0];
        pass?.Reset();
        double lossSum = 0;
        long correct = 0;
        for (long start = 0; start < n; start += EvalBatch)
        {
            using var batchScope = NewDisposeScope();
            var end = Math.Min(start + EvalBatch, n);
            var bx = x.slice(0, start, end, 1);
            var by = y.slice(0, start, end, 1);
            var logits = pass is null ? model.forward(bx) : model.Forward(bx, (l, pre, _) => pass.Add(l, pre, start));
            lossSum += nn.functional.cross_entropy(logits, by, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(by).sum().item<long>();
        }
        return (lossSum / n, (double)correct / n);
    }

    private static TrainingCheckpoint Restore(ResumePoint resume, IModelSpec spec, TrainOptions options, string hash)
    {
        var checkpoint = CheckpointFormat.Read(resume.Checkpoint);
        if (!string.Equals(checkpoint.SpecHash, hash, StringComparison.Ordinal))
        {
            throw new CheckpointMismatchException(
                $"checkpoint of epoch {checkpoint.Epoch} was made for model {checkpoint.Spec} with spec hash {checkpoint.SpecHash}, " +
                $"but this run is [{SpecHash.Describe(spec, options)}] with spec hash {hash}; refusing to resume from it");
        }
        if (checkpoint.Epoch != resume.Epoch)
        {
            throw new CheckpointMismatchException($"checkpoint holds epoch {checkpoint.Epoch}, but resuming was asked from epoch {resume.Epoch}");
        }
        return checkpoint;
    }

    private static (Tensor X, Tensor Y) ToTensors(TabularData data, Device device)
    {
        var x = tensor(data.Features, [data.Samples, data.FeatureCount]);
        var y = tensor(data.Labels.Select(l => (long)l).ToArray());
        return device.type == DeviceType.CPU ? (x, y) : (x.to(device), y.to(device));
    }

    internal static byte[] GetGeneratorState(Generator generator)
    {
        using var state = generator.get_state();
        return state.data<byte>().ToArray();
    }

    private static void SetGeneratorState(Generator generator, byte[] state)
    {
        using var tensorState = tensor(state, dtype: ScalarType.Byte);
        generator.set_state(tensorState);
    }

    private static bool TrainEpoch(ClassifierModel model, ModelOptimizer optimizer, Tensor x, Tensor y, int batchSize, Generator generator, CancellationToken cancellationToken)
    {
        var n = x.shape[0];
        using var cpuOrder = randperm(n, generator: generator);
        using var order = cpuOrder.to(x.device);
        for (long start = 0; start < n; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var batchScope = NewDisposeScope();
            var index = order.slice(0, start, Math.Min(start + batchSize, n), 1);
            var bx = x.index_select(0, index);
            var by = y.index_select(0, index);
            optimizer.ZeroGrad();
            var loss = nn.functional.cross_entropy(model.forward(bx), by);
            var value = loss.item<float>();
            if (!float.IsFinite(value))
            {
                return false;
            }
            loss.backward();
            optimizer.Step();
        }
        return true;
    }
}

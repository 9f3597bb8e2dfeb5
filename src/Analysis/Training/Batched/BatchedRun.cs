using CapacityGrid.Analysis.Training.Optimizers;
using System.Diagnostics;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Batched;

/// <summary>
/// One call of <see cref="BatchedMlpTrainer.Train"/>: the stack, its optimizer, and which member sits in
/// which slot. Members leave the stack when they finish or diverge; the rest keep their slot order.
/// </summary>
internal sealed class BatchedRun : IDisposable
{
    private readonly MlpSpec _spec;
    private readonly IReadOnlyList<TrainOptions> _members;
    private readonly Action<int, EpochReport> _onEpoch;
    private readonly int _batchSize;
    private readonly Generator[] _generators;
    private readonly BatchedMlp _model;
    private readonly StackedOptimizer _optimizer;
    // A plain model that one slot at a time is copied into, to evaluate, checkpoint and extract it
    // with exactly the code separate training uses.
    private readonly Mlp _staging;
    private readonly Tensor _trainX;
    private readonly Tensor _trainY;
    private readonly Tensor _testX;
    private readonly Tensor _testY;
    private readonly Tensor? _validX;
    private readonly Tensor? _validY;
    private readonly string[] _hashes;
    private readonly DataSplit _data;
    private readonly LayerTracker?[] _trackers;
    private readonly TrainOutcome?[] _outcomes;
    private int[] _slots;

    public BatchedRun(DataSplit data, MlpSpec spec, IReadOnlyList<TrainOptions> members, Action<int, EpochReport> onEpoch, TabularData? validation, LayerTracking? layers)
    {
        _data = data;
        // One tracker per member: each keeps its own kernel widths from its first epoch, as a single run does.
        _trackers = [.. members.Select(_ => layers is { Any: true } ? new LayerTracker(spec, layers, data) : null)];
        _spec = spec;
        _members = members;
        _onEpoch = onEpoch;
        _batchSize = members[0].BatchSize;
        _generators = [.. members.Select(m => new Generator((ulong)m.Seed))];
        _model = BatchedMlp.Initialised(spec, _generators);
        _optimizer = StackedOptimizer.Create(members, _model.Parameters);
        _staging = new Mlp(spec);
        _trainX = tensor(data.Train.Features, [data.Train.Samples, data.Train.FeatureCount]).DetachFromDisposeScope();
        _trainY = tensor(data.Train.Labels.Select(l => (long)l).ToArray()).DetachFromDisposeScope();
        _testX = tensor(data.Test.Features, [data.Test.Samples, data.Test.FeatureCount]).DetachFromDisposeScope();
        _testY = tensor(data.Test.Labels.Select(l => (long)l).ToArray()).DetachFromDisposeScope();
        if (validation is not null)
        {
            _validX = tensor(validation.Features, [validation.Samples, validation.FeatureCount]).DetachFromDisposeScope();
            _validY = tensor(validation.Labels.Select(l => (long)l).ToArray()).DetachFromDisposeScope();
        }
        _hashes = [.. members.Select(m => SpecHash.Of(spec, m))];
        _outcomes = new TrainOutcome?[members.Count];
        _slots = [.. Enumerable.Range(0, members.Count)];
    }

    public IReadOnlyList<TrainOutcome> Train(CancellationToken cancellationToken)
    {
        Finish(0);
        for (var epoch = 1; _slots.Length > 0; epoch++)
        {
            var watch = Stopwatch.StartNew();
            var members = _slots.Length;
            TrainEpoch(epoch, cancellationToken);
            // Each member's share of the stack's steps (the members trained at the start of the epoch).
            ReportEpoch(epoch, watch, watch.Elapsed / members, cancellationToken);
            Finish(epoch);
        }
        return [.. _outcomes.Select(o => o!)];
    }

    public void Dispose()
    {
        _model.Dispose();
        _optimizer.Dispose();
        _staging.Dispose();
        foreach (var t in new[] { _trainX, _trainY, _testX, _testY })
        {
            t.Dispose();
        }
        _validX?.Dispose();
        _validY?.Dispose();
        foreach (var g in _generators)
        {
            g.Dispose();
        }
    }

    private void TrainEpoch(int epoch, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        var n = _trainX.shape[0];
        var orders = stack(_slots.Select(m => randperm(n, generator: _generators[m])));
        for (long start = 0; start < n && _slots.Length > 0; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var batchScope = NewDisposeScope();
            var k = _slots.Length;
            var length = Math.Min(_batchSize, n - start);
            var index = orders.narrow(1, start, length).reshape(-1);
            var bx = _trainX.index_select(0, index).view(k, length, -1);
            var by = _trainY.index_select(0, index);
            _model.ZeroGrad();
            var logits = _model.Forward(bx);
            // Per-member mean loss; its gradient is 1/length per sample, as with a single model's mean loss.
            var losses = nn.functional.cross_entropy(logits.view(k * length, -1), by, reduction: nn.Reduction.None)
                .view(k, length).mean([1]);
            var values = losses.detach().data<float>().ToArray();
            var alive = Enumerable.Range(0, k).Where(s => float.IsFinite(values[s])).Select(s => (long)s).ToArray();
            for (var s = 0; s < k; s++)
            {
                if (!float.IsFinite(values[s]))
                {
                    // As ClassifierTrainer does: the weights the loss became NaN or infinite with, before any step.
                    _outcomes[_slots[s]] = Outcome(s, epoch);
                }
            }
            if (alive.Length > 0)
            {
                // Slots are independent, so a diverged slot's NaN gradients do not reach the others.
                losses.sum().backward();
                _optimizer.Step(_model.Parameters);
            }
            if (alive.Length < k)
            {
                Keep(alive);
                using var keep = tensor(alive);
                orders = orders.index_select(0, keep).MoveToOuterDisposeScope();
            }
        }
    }

    private void ReportEpoch(int epoch, Stopwatch watch, TimeSpan steps, CancellationToken cancellationToken)
    {
        // All slots evaluated together on each part; then one slot at a time through the plain staging model.
        var evaluating = Stopwatch.GetTimestamp();
        var train = Evaluate(_trainX, _trainY, s => _trackers[_slots[s]]?.TrainPass);
        var test = Evaluate(_testX, _testY, s => _trackers[_slots[s]]?.TestPass);
        var validated = _validX is not null && _validY is not null ? Evaluate(_validX, _validY, _ => null) : null;
        var evaluation = Stopwatch.GetElapsedTime(evaluating) / Math.Max(1, _slots.Length);
        var alive = new List<long>();
        for (var s = 0; s < _slots.Length; s++)
        {
            var member = _slots[s];
            _model.CopyTo(s, _staging);
            var (trainLoss, trainAcc) = train[s];
            if (!double.IsFinite(trainLoss))
            {
                _outcomes[member] = new TrainOutcome(_spec.ParameterCount, ClassifierTrainer.ExtractWeights(_staging), epoch);
                continue;
            }
            var (testLoss, testAcc) = test[s];
            (double Loss, double Accuracy)? validation = validated?[s];
            var measuring = Stopwatch.GetTimestamp();
            var layerMeasures = _trackers[member]?.Measure(_staging, _data, cancellationToken);
            var phases = new EpochPhases(steps, evaluation, Stopwatch.GetElapsedTime(measuring));
            // The checkpoint a single run of this member writes: it resumes, exports and measures like one.
            var metrics = new CheckpointMetrics(trainLoss, trainAcc, testLoss, testAcc, validation?.Loss, validation?.Accuracy, watch.Elapsed);
            var checkpoint = new TrainingCheckpoint(
                _spec, _hashes[member], epoch, metrics, double.PositiveInfinity, 0,
                Checkpoints.SaveWeights(_staging), _optimizer.SaveState(s, BatchedMlp.AsSingleModel), ClassifierTrainer.GetGeneratorState(_generators[member]));
            _onEpoch(member, new EpochReport(epoch, trainLoss, trainAcc, testLoss, testAcc, watch.Elapsed,
                CheckpointFormat.Write(checkpoint), validation?.Loss, validation?.Accuracy, layerMeasures, phases));
            alive.Add(s);
        }
        if (alive.Count < _slots.Length)
        {
            Keep([.. alive]);
        }
    }

    // Mean cross-entropy and accuracy of every slot on one part, as ClassifierTrainer.Evaluate gives for one model;
    // each slot's hidden pre-activations go into that slot's covariance pass, when it has one.
    private (double Loss, double Accuracy)[] Evaluate(Tensor x, Tensor y, Func<int, PassCovariance?> passOf)
    {
        using var noGrad = no_grad();
        var k = _slots.Length;
        var passes = Enumerable.Range(0, k).Select(passOf).ToArray();
        foreach (var pass in passes)
        {
            pass?.Reset();
        }
        var n = x.shape[0];
        var losses = new double[k];
        var correct = new long[k];
        for (long start = 0; start < n; start += ClassifierTrainer.EvalBatch)
        {
            using var batchScope = NewDisposeScope();
            var end = Math.Min(start + ClassifierTrainer.EvalBatch, n);
            var rows = end - start;
            var by = y.slice(0, start, end, 1);
            var logits = _model.ForwardShared(x.slice(0, start, end, 1), (layer, pre) =>
            {
                for (var s = 0; s < k; s++)
                {
                    passes[s]?.Add(layer, pre[s], start);
                }
            });
            var sums = nn.functional.cross_entropy(logits.view(k * rows, -1), by.repeat(k), reduction: nn.Reduction.None).view(k, rows).sum(1);
            var hits = logits.argmax(2).eq(by.unsqueeze(0)).sum(1);
            var batchLosses = sums.data<float>().ToArray();
            var batchHits = hits.data<long>().ToArray();
            for (var s = 0; s < k; s++)
            {
                losses[s] += batchLosses[s];
                correct[s] += batchHits[s];
            }
        }
        return [.. Enumerable.Range(0, k).Select(s => (losses[s] / n, (double)correct[s] / n))];
    }

    // Members whose last epoch is done leave the stack with their final weights.
    private void Finish(int epoch)
    {
        var alive = new List<long>();
        for (var s = 0; s < _slots.Length; s++)
        {
            if (_members[_slots[s]].Epochs <= epoch)
            {
                _outcomes[_slots[s]] = Outcome(s, null);
            }
            else
            {
                alive.Add(s);
            }
        }
        if (alive.Count < _slots.Length)
        {
            Keep([.. alive]);
        }
    }

    private TrainOutcome Outcome(int slot, int? divergedAt)
    {
        _model.CopyTo(slot, _staging);
        return new TrainOutcome(_spec.ParameterCount, ClassifierTrainer.ExtractWeights(_staging), divergedAt);
    }

    private void Keep(long[] slots)
    {
        _slots = [.. slots.Select(s => _slots[s])];
        if (slots.Length > 0)
        {
            _model.Keep(slots);
            _optimizer.Keep(slots);
        }
    }
}

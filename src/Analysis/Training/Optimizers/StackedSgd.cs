using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>
/// SGD with momentum (no dampening, no Nesterov, L2 weight decay added to the gradient) with one learning
/// rate, momentum and weight decay per slot. Mirrors TorchSharp's <c>optim.SGD</c> step operation for
/// operation; a slot with zero momentum gets buffer = 0 * buffer + gradient, which is its gradient exactly.
/// </summary>
public sealed class StackedSgd : StackedOptimizer
{
    private readonly Tensor?[] _momentumBuffer;
    private readonly MemberScalars _negativeLearningRate;
    private readonly MemberScalars _momentum;
    private readonly MemberScalars _weightDecay;
    private double[] _momenta;

    /// <summary>No momentum buffers yet; slot k follows <paramref name="members"/>[k].</summary>
    public StackedSgd(IReadOnlyList<TrainOptions> members, IReadOnlyList<Tensor> parameters)
    {
        _negativeLearningRate = new MemberScalars(members.Select(m => -m.LearningRate));
        _momentum = new MemberScalars(members.Select(m => m.Momentum));
        _momenta = [.. members.Select(m => m.Momentum)];
        _weightDecay = new MemberScalars(members.Select(m => m.WeightDecay));
        _momentumBuffer = new Tensor?[parameters.Count];
    }

    /// <inheritdoc />
    public override OptimizerKind Kind => OptimizerKind.Sgd;

    /// <inheritdoc />
    public override void Step(IReadOnlyList<Tensor> parameters)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Explicit, kept alive to the end: TorchSharp does not keep an implicitly converted Scalar alive
        // through the native call, so a collection could free it mid-call.
        using var one = 1.0.ToScalar();
        var scalars = new SgdScalars(
            [.. _negativeLearningRate.Values.Select(v => (float)v)], [.. _momenta.Select(v => (float)v)], [.. _weightDecay.Values.Select(v => (float)v)]);
        for (var i = 0; i < parameters.Count; i++)
        {
            var param = parameters[i];
            var grad = param.grad;
            if (grad is null)
            {
                continue;
            }
            if (FusedUpdate.Applies(param, grad))
            {
                var first = !_momentum.AllZero && _momentumBuffer[i] is null;
                if (first)
                {
                    _momentumBuffer[i] = empty_like(param).DetachFromDisposeScope();
                }
                FusedUpdate.Sgd(param, grad, _momentumBuffer[i], first, scalars);
                continue;
            }
            if (!_weightDecay.AllZero)
            {
                grad = grad.addcmul(param, _weightDecay.For(param), one);
            }
            if (!_momentum.AllZero)
            {
                if (_momentumBuffer[i] is not { } buffer)
                {
                    buffer = grad.clone().detach().DetachFromDisposeScope();
                    _momentumBuffer[i] = buffer;
                }
                else
                {
                    buffer.mul_(_momentum.For(param)).add_(grad, alpha: one);
                }
                grad = buffer;
            }
            // add_(grad, alpha: -lr) and addcmul_(grad, -lr) both fuse to one multiply-add per element.
            param.addcmul_(grad, _negativeLearningRate.For(param), one);
        }
    }

    /// <inheritdoc />
    protected override void WriteState(BinaryWriter writer, int slot, Func<int, Tensor, Tensor> asSingleModel)
    {
        for (var i = 0; i < _momentumBuffer.Length; i++)
        {
            var buffer = _momentumBuffer[i];
            // A single model without momentum keeps no buffer.
            var kept = buffer is not null && _momenta[slot] != 0;
            writer.Write(kept);
            if (kept)
            {
                ModelOptimizer.Write(writer, asSingleModel(i, buffer![slot]));
            }
        }
    }

    /// <inheritdoc />
    public override void Keep(long[] slots)
    {
        _momenta = [.. slots.Select(s => _momenta[s])];
        using var scope = NewDisposeScope();
        var index = tensor(slots);
        for (var i = 0; i < _momentumBuffer.Length; i++)
        {
            if (_momentumBuffer[i] is { } buffer)
            {
                _momentumBuffer[i] = KeepSlots(buffer, index);
            }
        }
        _negativeLearningRate.Keep(slots);
        _momentum.Keep(slots);
        _weightDecay.Keep(slots);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var t in _momentumBuffer)
            {
                t?.Dispose();
            }
            _negativeLearningRate.Dispose();
            _momentum.Dispose();
            _weightDecay.Dispose();
        }
    }
}

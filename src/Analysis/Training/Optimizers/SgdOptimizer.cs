using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>SGD with momentum (no dampening, not Nesterov) and L2 weight decay, as PyTorch's <c>optim.SGD</c>.</summary>
public sealed class SgdOptimizer : ModelOptimizer
{
    private readonly double _learningRate;
    private readonly double _momentum;
    private readonly double _weightDecay;
    private readonly Tensor?[] _momentumBuffers;

    /// <summary>No momentum buffers until the first step, as in PyTorch.</summary>
    public SgdOptimizer(IEnumerable<Tensor> parameters, double learningRate, double momentum, double weightDecay) : base(parameters)
    {
        _learningRate = learningRate;
        _momentum = momentum;
        _weightDecay = weightDecay;
        _momentumBuffers = new Tensor?[Parameters.Count];
    }

    /// <inheritdoc />
    public override OptimizerKind Kind => OptimizerKind.Sgd;

    /// <inheritdoc />
    public override void Step()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var decay = _weightDecay.ToScalar();
        using var momentum = _momentum.ToScalar();
        using var one = 1.0.ToScalar();
        using var step = (-_learningRate).ToScalar();
        var scalars = new SgdScalars([(float)-_learningRate], [(float)_momentum], [(float)_weightDecay]);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var param = Parameters[i];
            if (param.grad is not { } grad)
            {
                continue;
            }
            if (FusedUpdate.Applies(param, grad))
            {
                // A new momentum buffer is written whole by the first step, as PyTorch clones the direction into it.
                var first = _momentum != 0 && _momentumBuffers[i] is null;
                if (first)
                {
                    _momentumBuffers[i] = empty_like(param).DetachFromDisposeScope();
                }
                FusedUpdate.Sgd(param, grad, _momentumBuffers[i], first, scalars);
                continue;
            }
            var direction = _weightDecay != 0 ? grad.add(param, alpha: decay) : grad;
            if (_momentum != 0)
            {
                if (_momentumBuffers[i] is { } buffer)
                {
                    buffer.mul_(momentum).add_(direction, alpha: one);
                }
                else
                {
                    _momentumBuffers[i] = buffer = direction.clone().DetachFromDisposeScope();
                }
                direction = buffer;
            }
            param.add_(direction, alpha: step);
        }
    }

    /// <inheritdoc />
    protected override void WriteState(BinaryWriter writer)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            writer.Write(_momentumBuffers[i] is not null);
            if (_momentumBuffers[i] is { } buffer)
            {
                Write(writer, buffer);
            }
        }
    }

    /// <inheritdoc />
    protected override void ReadState(BinaryReader reader)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (!reader.ReadBoolean())
            {
                continue;
            }
            _momentumBuffers[i] ??= zeros_like(Parameters[i]).DetachFromDisposeScope();
            Read(reader, _momentumBuffers[i]!);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        foreach (var t in _momentumBuffers)
        {
            t?.Dispose();
        }
    }
}

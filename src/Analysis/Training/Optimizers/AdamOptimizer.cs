using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>Adam (betas 0.9 and 0.999, eps 1e-8, L2 weight decay added to the gradient), as PyTorch's <c>optim.Adam</c>.</summary>
public sealed class AdamOptimizer : ModelOptimizer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Eps = 1e-8;
    private readonly double _learningRate;
    private readonly double _weightDecay;
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private long _step;

    /// <summary>Zero moments for each parameter.</summary>
    public AdamOptimizer(IEnumerable<Tensor> parameters, double learningRate, double weightDecay) : base(parameters)
    {
        _learningRate = learningRate;
        _weightDecay = weightDecay;
        _expAvg = [.. Parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _expAvgSq = [.. Parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
    }

    /// <inheritdoc />
    public override OptimizerKind Kind => OptimizerKind.Adam;

    /// <inheritdoc />
    public override void Step()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _step++;
        var biasCorrection1 = 1 - Math.Pow(Beta1, _step);
        var biasCorrection2 = 1 - Math.Pow(Beta2, _step);
        using var beta1 = Beta1.ToScalar();
        using var oneMinusBeta1 = (1 - Beta1).ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var oneMinusBeta2 = (1 - Beta2).ToScalar();
        using var correction2Root = Math.Sqrt(biasCorrection2).ToScalar();
        using var eps = Eps.ToScalar();
        using var one = 1.0.ToScalar();
        using var decay = _weightDecay.ToScalar();
        using var stepSize = (-(_learningRate / biasCorrection1)).ToScalar();
        AdamScalars? fused = null;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var param = Parameters[i];
            if (param.grad is not { } grad)
            {
                continue;
            }
            if (FusedUpdate.Applies(param, grad, _expAvg[i], _expAvgSq[i]))
            {
                fused ??= AdamScalars.For(_step, Beta1, Beta2, Eps, [_learningRate], [_weightDecay]);
                FusedUpdate.Adam(param, grad, _expAvg[i], _expAvgSq[i], fused);
                continue;
            }
            if (_weightDecay != 0)
            {
                grad = grad.add(param, alpha: decay);
            }
            _expAvg[i].mul_(beta1).add_(grad, alpha: oneMinusBeta1);
            _expAvgSq[i].mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2);
            var denom = _expAvgSq[i].sqrt().div_(correction2Root).add_(eps, one);
            param.addcdiv_(_expAvg[i], denom, stepSize);
        }
    }

    /// <inheritdoc />
    protected override void WriteState(BinaryWriter writer)
    {
        writer.Write(_step);
        for (var i = 0; i < Parameters.Count; i++)
        {
            Write(writer, _expAvg[i]);
            Write(writer, _expAvgSq[i]);
        }
    }

    /// <inheritdoc />
    protected override void ReadState(BinaryReader reader)
    {
        _step = reader.ReadInt64();
        for (var i = 0; i < Parameters.Count; i++)
        {
            Read(reader, _expAvg[i]);
            Read(reader, _expAvgSq[i]);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        foreach (var t in _expAvg.Concat(_expAvgSq))
        {
            t.Dispose();
        }
    }
}

using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>
/// Adam (betas 0.9 and 0.999, eps 1e-8, L2 weight decay added to the gradient) with one learning rate and
/// weight decay per slot. Mirrors TorchSharp's <c>optim.Adam</c> step operation for operation; the slot's
/// step size multiplies the first moment before the division, which is how <c>addcdiv_</c> applies its scalar.
/// </summary>
public sealed class StackedAdam : StackedOptimizer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Eps = 1e-8;

    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private readonly MemberScalars _weightDecay;
    private double[] _learningRates;
    private long _step;

    /// <summary>Zero moments for each stacked parameter; slot k follows <paramref name="members"/>[k].</summary>
    public StackedAdam(IReadOnlyList<TrainOptions> members, IReadOnlyList<Tensor> parameters)
    {
        _learningRates = [.. members.Select(m => m.LearningRate)];
        _weightDecay = new MemberScalars(members.Select(m => m.WeightDecay));
        _expAvg = [.. parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _expAvgSq = [.. parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
    }

    /// <inheritdoc />
    public override OptimizerKind Kind => OptimizerKind.Adam;

    /// <inheritdoc />
    public override void Step(IReadOnlyList<Tensor> parameters)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _step++;
        // Every slot has taken the same number of steps, so the bias corrections are shared.
        var biasCorrection1 = 1 - Math.Pow(Beta1, _step);
        var biasCorrection2 = 1 - Math.Pow(Beta2, _step);
        // Explicit scalars that live until the end of the step: TorchSharp does not keep an implicitly
        // converted Scalar alive through the native call, so a collection could free it mid-call.
        using var beta1 = Beta1.ToScalar();
        using var oneMinusBeta1 = (1 - Beta1).ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var oneMinusBeta2 = (1 - Beta2).ToScalar();
        using var biasCorrection2Root = Math.Sqrt(biasCorrection2).ToScalar();
        using var eps = Eps.ToScalar();
        using var one = 1.0.ToScalar();
        AdamScalars? fused = null;
        // The per-slot step sizes as a tensor, made only when a parameter takes torch's element-wise ops.
        MemberScalars? stepSize = null;
        try
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                var param = parameters[i];
                var grad = param.grad;
                if (grad is null)
                {
                    continue;
                }
                if (FusedUpdate.Applies(param, grad, _expAvg[i], _expAvgSq[i]))
                {
                    fused ??= AdamScalars.For(_step, Beta1, Beta2, Eps, _learningRates, _weightDecay.Values);
                    FusedUpdate.Adam(param, grad, _expAvg[i], _expAvgSq[i], fused);
                    continue;
                }
                if (!_weightDecay.AllZero)
                {
                    // add(param, alpha) and addcmul(param, alpha) both fuse to one multiply-add per element.
                    grad = grad.addcmul(param, _weightDecay.For(param), one);
                }
                _expAvg[i].mul_(beta1).add_(grad, alpha: oneMinusBeta1);
                _expAvgSq[i].mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2);
                var denom = _expAvgSq[i].sqrt().div_(biasCorrection2Root).add_(eps, one);
                stepSize ??= new MemberScalars(_learningRates.Select(lr => -(lr / biasCorrection1)));
                param.addcdiv_(_expAvg[i].mul(stepSize.For(param)), denom, one);
            }
        }
        finally
        {
            stepSize?.Dispose();
        }
    }

    /// <inheritdoc />
    protected override void WriteState(BinaryWriter writer, int slot, Func<int, Tensor, Tensor> asSingleModel)
    {
        writer.Write(_step);
        for (var i = 0; i < _expAvg.Length; i++)
        {
            ModelOptimizer.Write(writer, asSingleModel(i, _expAvg[i][slot]));
            ModelOptimizer.Write(writer, asSingleModel(i, _expAvgSq[i][slot]));
        }
    }

    /// <inheritdoc />
    public override void Keep(long[] slots)
    {
        using var scope = NewDisposeScope();
        var index = tensor(slots);
        for (var i = 0; i < _expAvg.Length; i++)
        {
            _expAvg[i] = KeepSlots(_expAvg[i], index);
            _expAvgSq[i] = KeepSlots(_expAvgSq[i], index);
        }
        _learningRates = [.. slots.Select(s => _learningRates[s])];
        _weightDecay.Keep(slots);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var t in _expAvg.Concat(_expAvgSq))
            {
                t.Dispose();
            }
            _weightDecay.Dispose();
        }
    }
}

using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Tests.Training.Optimizers;

public sealed class StackedOptimizerTests
{
    [Fact]
    public void Step_AdamWithOwnLearningRateAndWeightDecayPerSlot_EqualsTheSingleModelOptimizerPerModelExactly()
    {
        TrainOptions[] members =
        [
            new(Epochs: 1, LearningRate: 1e-3),
            new(Epochs: 1, LearningRate: 0.37, WeightDecay: 0.01),
            new(Epochs: 1, LearningRate: 3e-5, WeightDecay: 0.5),
        ];

        var (stacked, separate) = StepBoth(members);

        Assert.Equal(separate, stacked);
    }

    [Fact]
    public void Step_SgdWithOwnLearningRateMomentumAndWeightDecayPerSlot_EqualsTheSingleModelOptimizerPerModelExactly()
    {
        TrainOptions[] members =
        [
            new(Epochs: 1, Optimizer: OptimizerKind.Sgd, LearningRate: 0.1, Momentum: 0.9),
            new(Epochs: 1, Optimizer: OptimizerKind.Sgd, LearningRate: 0.013, Momentum: 0),
            new(Epochs: 1, Optimizer: OptimizerKind.Sgd, LearningRate: 2.5, Momentum: 0.3, WeightDecay: 0.07),
        ];

        var (stacked, separate) = StepBoth(members);

        Assert.Equal(separate, stacked);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void SaveState_OfASlot_IsTheStateTheSingleModelOptimizerWrites(OptimizerKind kind)
    {
        TrainOptions[] members = [new(Epochs: 1, Optimizer: kind), new(Epochs: 1, Optimizer: kind, LearningRate: 0.1)];
        using var stackedWeight = zeros(2, 4, 5, requires_grad: true);
        using var weight = zeros(4, 5, requires_grad: true);
        using var stacked = StackedOptimizer.Create(members, [stackedWeight]);
        using var single = ModelOptimizer.Create([weight], members[1]);

        var state = stacked.SaveState(1);

        Assert.Equal(kind, stacked.Kind);
        Assert.Equal(single.SaveState(), state);
        single.LoadState(state);
    }

    // Parameters the one-pass update cannot take (here non-contiguous; on CUDA, all) go through torch's element-wise
    // ops, which mirror TorchSharp's own optimizers operation for operation.
    [Fact]
    public void Step_AdamOnParametersTheOnePassUpdateCannotTake_EqualsTorchSharpsAdamPerModelExactly()
    {
        TrainOptions[] members =
        [
            new(Epochs: 1, LearningRate: 1e-3),
            new(Epochs: 1, LearningRate: 0.37, WeightDecay: 0.01),
            new(Epochs: 1, LearningRate: 3e-5, WeightDecay: 0.5),
        ];

        var (stacked, separate) = StepBoth(members, (m, p) => optim.Adam(p, m.LearningRate, weight_decay: m.WeightDecay));

        Assert.Equal(separate, stacked);
    }

    [Fact]
    public void Step_SgdOnParametersTheOnePassUpdateCannotTake_EqualsTorchSharpsSgdPerModelExactly()
    {
        TrainOptions[] members =
        [
            new(Epochs: 1, Optimizer: OptimizerKind.Sgd, LearningRate: 0.1, Momentum: 0.9),
            new(Epochs: 1, Optimizer: OptimizerKind.Sgd, LearningRate: 0.013, Momentum: 0),
            new(Epochs: 1, Optimizer: OptimizerKind.Sgd, LearningRate: 2.5, Momentum: 0.3, WeightDecay: 0.07),
        ];

        var (stacked, separate) = StepBoth(members, (m, p) => optim.SGD(p, m.LearningRate, m.Momentum, weight_decay: m.WeightDecay));

        Assert.Equal(separate, stacked);
    }

    [Fact]
    public void Keep_AfterDroppingASlot_TheRemainingSlotsContinueWithTheirOwnState()
    {
        TrainOptions[] members = [new(Epochs: 1, LearningRate: 0.1), new(Epochs: 1, LearningRate: 0.2), new(Epochs: 1, LearningRate: 0.3)];
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        var start = randn([3, 4, 5], generator: generator);
        var grads = Enumerable.Range(0, 4).Select(_ => randn([3, 4, 5], generator: generator)).ToArray();

        // Reference: all three slots for four steps.
        var full = start.clone().requires_grad_();
        using (var optimizer = StackedOptimizer.Create(members, [full]))
        {
            foreach (var g in grads)
            {
                Step(optimizer, full, g);
            }
        }
        // Two steps with three slots, drop slot 1, two more steps with slots 0 and 2.
        var kept = start.clone().requires_grad_();
        using (var optimizer = StackedOptimizer.Create(members, [kept]))
        {
            Step(optimizer, kept, grads[0]);
            Step(optimizer, kept, grads[1]);
            optimizer.Keep([0, 2]);
            kept = kept.detach().index_select(0, tensor(new long[] { 0, 2 })).requires_grad_();
            Step(optimizer, kept, grads[2].index_select(0, tensor(new long[] { 0, 2 })));
            Step(optimizer, kept, grads[3].index_select(0, tensor(new long[] { 0, 2 })));
        }

        Assert.Equal(Floats(full.detach()[0]), Floats(kept.detach()[0]));
        Assert.Equal(Floats(full.detach()[2]), Floats(kept.detach()[1]));
    }

    // Runs three steps with the same gradients on stacked parameters and on one model per member with the
    // single-model optimizer separate training uses (itself checked against TorchSharp's in ModelOptimizerTests),
    // or, given torchOptimizer, on non-contiguous stacked parameters and with TorchSharp's own optimizer per model;
    // returns the stacked parameters' values and the per-model values laid out the same way.
    private static (float[] Stacked, float[] Separate) StepBoth(
        TrainOptions[] members, Func<TrainOptions, IEnumerable<Parameter>, optim.Optimizer>? torchOptimizer = null)
    {
        using var scope = NewDisposeScope();
        var k = members.Length;
        var generator = new Generator(11);
        var weights = randn([k, 4, 6], generator: generator);
        var biases = randn([k, 4], generator: generator);
        var steps = Enumerable.Range(0, 3)
            .Select(_ => (W: randn([k, 4, 6], generator: generator), B: randn([k, 4], generator: generator)))
            .ToArray();

        var w = (torchOptimizer is null ? weights.clone() : weights.transpose(1, 2).contiguous().transpose(1, 2)).detach().requires_grad_();
        var b = (torchOptimizer is null ? biases.clone() : biases.t().contiguous().t()).detach().requires_grad_();
        Assert.Equal(torchOptimizer is null, FusedUpdate.Applies(w, b));
        using (var optimizer = StackedOptimizer.Create(members, [w, b]))
        {
            foreach (var (gw, gb) in steps)
            {
                // d/dp of sum(p * g) is exactly g.
                foreach (var p in new[] { w, b })
                {
                    using var grad = p.grad;
                    grad?.zero_();
                }
                ((w * gw).sum() + (b * gb).sum()).backward();
                optimizer.Step([w, b]);
            }
        }

        var separate = new List<float>();
        var separateBiases = new List<float>();
        for (var m = 0; m < k; m++)
        {
            var pw = new Parameter(weights[m].clone());
            var pb = new Parameter(biases[m].clone());
            using var optimizer = ModelOptimizer.Create([pw, pb], members[m]);
            using var torch = torchOptimizer?.Invoke(members[m], [pw, pb]);
            foreach (var (gw, gb) in steps)
            {
                optimizer.ZeroGrad();
                ((pw * gw[m]).sum() + (pb * gb[m]).sum()).backward();
                if (torch is not null)
                {
                    torch.step();
                }
                else
                {
                    optimizer.Step();
                }
            }
            separate.AddRange(Floats(pw.detach()));
            separateBiases.AddRange(Floats(pb.detach()));
        }
        return ([.. Floats(w.detach()), .. Floats(b.detach())], [.. separate, .. separateBiases]);
    }

    private static void Step(StackedOptimizer optimizer, Tensor parameter, Tensor gradient)
    {
        using var grad = parameter.grad;
        grad?.zero_();
        (parameter * gradient).sum().backward();
        optimizer.Step([parameter]);
    }

    private static float[] Floats(Tensor t) => t.contiguous().data<float>().ToArray();
}

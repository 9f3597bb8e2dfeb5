using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Tests.Training.Optimizers;

public sealed class ModelOptimizerTests
{
    [Theory]
    [InlineData(OptimizerKind.Adam, 0.0)]
    [InlineData(OptimizerKind.Adam, 0.01)]
    [InlineData(OptimizerKind.Sgd, 0.0)]
    [InlineData(OptimizerKind.Sgd, 0.01)]
    public void Step_MatchesTorchSharpsOwnOptimizer(OptimizerKind kind, double weightDecay)
    {
        var options = new TrainOptions(Epochs: 1, Optimizer: kind, LearningRate: 0.05, Momentum: 0.9, WeightDecay: weightDecay);
        using var ours = Model();
        using var theirs = Model();
        using var ourOptimizer = ModelOptimizer.Create(ours.parameters(), options);
        using var theirOptimizer = kind == OptimizerKind.Adam
            ? (optim.Optimizer)optim.Adam(theirs.parameters(), options.LearningRate, weight_decay: weightDecay)
            : optim.SGD(theirs.parameters(), options.LearningRate, options.Momentum, weight_decay: weightDecay);

        for (var step = 0; step < 5; step++)
        {
            using var scope = NewDisposeScope();
            var (x, y) = Batch(step);
            ourOptimizer.ZeroGrad();
            nn.functional.cross_entropy(ours.forward(x), y).backward();
            ourOptimizer.Step();
            theirOptimizer.zero_grad();
            nn.functional.cross_entropy(theirs.forward(x), y).backward();
            theirOptimizer.step();
        }

        var a = ClassifierTrainer.ExtractWeights(ours).SelectMany(w => w.Values).ToArray();
        var b = ClassifierTrainer.ExtractWeights(theirs).SelectMany(w => w.Values).ToArray();
        // Same operations in the same order: equal to float rounding (summation inside kernels may differ in the last bit).
        Assert.All(a.Zip(b), p => Assert.Equal(p.Second, p.First, 1e-6f));
    }

    // A parameter the one-pass update cannot take (non-contiguous here; on CUDA, every one) goes through torch's
    // element-wise ops, written out as TorchSharp's optimizers write them.
    [Theory]
    [InlineData(OptimizerKind.Adam, 0.01)]
    [InlineData(OptimizerKind.Sgd, 0.01)]
    public void Step_OnAParameterTheOnePassUpdateCannotTake_EqualsTorchSharpsOwnOptimizerExactly(OptimizerKind kind, double weightDecay)
    {
        var options = new TrainOptions(Epochs: 1, Optimizer: kind, LearningRate: 0.05, Momentum: 0.9, WeightDecay: weightDecay);
        using var scope = NewDisposeScope();
        var generator = new Generator(5);
        var start = randn([5, 7], generator: generator);
        var gradients = Enumerable.Range(0, 4).Select(_ => randn([5, 7], generator: generator)).ToArray();
        var ours = new TorchSharp.Modules.Parameter(start.t().contiguous().t());
        var theirs = new TorchSharp.Modules.Parameter(start.clone());
        Assert.False(FusedUpdate.Applies(ours));
        using var ourOptimizer = ModelOptimizer.Create([ours], options);
        using var theirOptimizer = kind == OptimizerKind.Adam
            ? (optim.Optimizer)optim.Adam([theirs], options.LearningRate, weight_decay: weightDecay)
            : optim.SGD([theirs], options.LearningRate, options.Momentum, weight_decay: weightDecay);

        foreach (var g in gradients)
        {
            ourOptimizer.ZeroGrad();
            (ours * g).sum().backward();
            ourOptimizer.Step();
            theirOptimizer.zero_grad();
            (theirs * g).sum().backward();
            theirOptimizer.step();
        }

        Assert.Equal(theirs.detach().contiguous().data<float>().ToArray(), ours.detach().contiguous().data<float>().ToArray());
    }

    [Fact]
    public async Task Train_WhileAnotherThreadForcesCollections_NeverLosesAScalarMidCall()
    {
        // TorchSharp's own optimizers crashed under this stress ("Expected false to be true ... Scalar.h").
        var data = DataSplit.Holdout(new TeacherDataset(8, [12], 3, 1500, 0, 2).Generate(), 0.2, 2, "teacher").Standardised();
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }, TestContext.Current.CancellationToken);
        try
        {
            foreach (var kind in Enum.GetValues<OptimizerKind>())
            {
                var outcome = ClassifierTrainer.Train(data, new MlpSpec(8, [16, 16], 3), new TrainOptions(Epochs: 4, Optimizer: kind, BatchSize: 8), _ => { }, TestContext.Current.CancellationToken);
                Assert.False(outcome.Diverged);
            }
        }
        finally
        {
            stop.Cancel();
        }
        await collector;
    }

    // Checkpoints written before the optimizer was typed start their optimizer state with these bytes.
    [Theory]
    [InlineData(OptimizerKind.Adam, new byte[] { 4, (byte)'a', (byte)'d', (byte)'a', (byte)'m' })]
    [InlineData(OptimizerKind.Sgd, new byte[] { 3, (byte)'s', (byte)'g', (byte)'d' })]
    public void SaveState_StartsWithTheOptimizersWord(OptimizerKind kind, byte[] tag)
    {
        using var model = Model();
        using var optimizer = ModelOptimizer.Create(model.parameters(), new TrainOptions(Epochs: 1, Optimizer: kind));

        Assert.Equal(kind, optimizer.Kind);
        Assert.Equal(tag, optimizer.SaveState()[..tag.Length]);
    }

    [Fact]
    public void LoadState_OfAnotherOptimizer_SaysWhoseStateItIsNot()
    {
        using var model = Model();
        using var adam = ModelOptimizer.Create(model.parameters(), new TrainOptions(Epochs: 1, Optimizer: OptimizerKind.Adam));
        using var sgd = ModelOptimizer.Create(model.parameters(), new TrainOptions(Epochs: 1, Optimizer: OptimizerKind.Sgd));

        Assert.Equal("optimizer state is not SGD's", Assert.Throws<InvalidDataException>(() => sgd.LoadState(adam.SaveState())).Message);
        Assert.Equal("optimizer state is not Adam's", Assert.Throws<InvalidDataException>(() => adam.LoadState(sgd.SaveState())).Message);
    }

    [Fact]
    public void SaveState_ThenLoadState_RestoresTheMomentsAndATruncatedCopyIsRefused()
    {
        var options = new TrainOptions(Epochs: 1, LearningRate: 0.05);
        using var first = Model();
        using var second = Model();
        using var trained = ModelOptimizer.Create(first.parameters(), options);
        using var restored = ModelOptimizer.Create(second.parameters(), options);
        var (x, y) = Batch(0);
        trained.ZeroGrad();
        nn.functional.cross_entropy(first.forward(x), y).backward();
        trained.Step();
        var state = trained.SaveState();

        restored.LoadState(state);

        Assert.Equal(state, restored.SaveState());
        var e = Assert.Throws<InvalidDataException>(() => restored.LoadState(state[..^3]));
        Assert.Equal("optimizer state is truncated", e.Message);
    }

    private static Mlp Model()
    {
        manual_seed(11);
        return new Mlp(new MlpSpec(6, [10], 3));
    }

    private static (Tensor X, Tensor Y) Batch(int step)
    {
        var generator = new Generator((ulong)(100 + step));
        return (randn([32, 6], generator: generator), randint(0, 3, [32], generator: generator));
    }
}

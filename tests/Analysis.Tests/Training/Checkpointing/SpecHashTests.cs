using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Training.Checkpointing;

public sealed class SpecHashTests
{
    // Checkpoints written before the optimizer was typed carry hashes of this text: it must not change.
    [Fact]
    public void Describe_NamesTheOptimizerByItsSpecWord()
    {
        var text = SpecHash.Describe(new MlpSpec(4, [3], 2, "tanh"), new TrainOptions(1, OptimizerKind.Sgd, LearningRate: 0.5, Momentum: 0, Seed: 7));

        Assert.Equal(
            "mlp 4-3-2 tanh; in=4 hidden=[3] classes=2 activation=tanh; optimizer=sgd lr=0.5 batch=64 momentum=0 weightDecay=0 seed=7",
            text);
    }

    [Fact]
    public void Of_TheDefaultAdamRun_KeepsItsHash() =>
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
                "mlp 4-3-2 relu; in=4 hidden=[3] classes=2 activation=relu; optimizer=adam lr=0.001 batch=64 momentum=0.9 weightDecay=0 seed=1"))),
            SpecHash.Of(new MlpSpec(4, [3], 2), new TrainOptions(1)));
}

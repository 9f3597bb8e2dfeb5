using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Batched;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Training.Batched;

public sealed class BatchedMlpTrainerTests
{
    // Stacked training runs the same operations as separate training except the weight gradients: bmm's
    // backward computes x^T g where Linear's computes (g^T x)^T, and for some layer widths (on the development
    // machines those not a multiple of 16, e.g. every 4-class output layer) the two differ in the last bit.
    // Measured after 3 epochs (~40 steps each) of the cases below: weights within 1.7e-7 of the layer's
    // largest weight, losses within 1.1e-7 relative, accuracies equal; a 64-64 net at learning rate 1e-2
    // reaches 5.6e-7. The tolerances allow about 10x the worst of these. A real mistake (another seed's
    // initialisation or batch order, another learning rate, shared optimizer state) differs by 1e-2 or more.
    private const double WeightTolerance = 5e-6;
    private const double LossTolerance = 5e-6;

    private static readonly DataSplit Data =
        DataSplit.Holdout(new TeacherDataset(12, [24], 4, 1000, 0, 3).Generate(), 0.2, 3, "teacher").Standardised();

    [Fact]
    public void Train_WithZeroEpochs_GivesEachMemberExactlyTheInitialWeightsOfSeparateTraining()
    {
        var spec = new MlpSpec(12, [16, 8], 4);
        TrainOptions[] members = [new(Epochs: 0, Seed: 1), new(Epochs: 0, Seed: 2), new(Epochs: 0, Seed: 77)];

        var stacked = BatchedMlpTrainer.Train(Data, spec, members, (_, _) => { }, TestContext.Current.CancellationToken);

        for (var m = 0; m < members.Length; m++)
        {
            var separate = ClassifierTrainer.Train(Data, spec, members[m], _ => { }, TestContext.Current.CancellationToken);
            Assert.Equal(Values(separate), Values(stacked[m]));
        }
        Assert.NotEqual(Values(stacked[0]), Values(stacked[1]));
    }

    [Fact]
    public void Train_AdamMembersWithDifferentSeedsAndLearningRates_MatchSeparateTraining()
    {
        var spec = new MlpSpec(12, [16, 16], 4);
        TrainOptions[] members =
        [
            new(Epochs: 3, LearningRate: 1e-3, Seed: 1),
            new(Epochs: 3, LearningRate: 3e-3, Seed: 2),
            new(Epochs: 3, LearningRate: 1e-2, Seed: 3, WeightDecay: 1e-3),
        ];

        var (stacked, reports) = TrainStacked(spec, members);

        var separate = members.Select(m => TrainSeparately(spec, m)).ToArray();
        for (var m = 0; m < members.Length; m++)
        {
            AssertMatches(separate[m], (stacked[m], reports[m]));
        }
        // The tolerance tells members apart: each matches its own separate run and no other.
        Assert.True(WeightDifference(separate[1].Outcome, stacked[0]) > 1000 * WeightTolerance);
    }

    [Fact]
    public void Train_SgdMembersWithOwnMomentumAndWeightDecay_MatchSeparateTraining()
    {
        var spec = new MlpSpec(12, [10, 7], 4, "tanh");
        TrainOptions[] members =
        [
            new(Epochs: 3, Optimizer: OptimizerKind.Sgd, LearningRate: 0.05, Momentum: 0.9, Seed: 4),
            new(Epochs: 3, Optimizer: OptimizerKind.Sgd, LearningRate: 0.02, Momentum: 0, Seed: 5),
            new(Epochs: 3, Optimizer: OptimizerKind.Sgd, LearningRate: 0.1, Momentum: 0.5, WeightDecay: 1e-2, Seed: 6),
        ];

        var (stacked, reports) = TrainStacked(spec, members);

        for (var m = 0; m < members.Length; m++)
        {
            AssertMatches(TrainSeparately(spec, members[m]), (stacked[m], reports[m]));
        }
    }

    [Fact]
    public void Train_WhenOneMemberDiverges_MarksItAtTheSeparateRunsEpochAndTheOthersStillMatch()
    {
        var spec = new MlpSpec(12, [32], 4);
        TrainOptions[] members =
        [
            new(Epochs: 3, Optimizer: OptimizerKind.Sgd, LearningRate: 0.05, Seed: 1),
            new(Epochs: 3, Optimizer: OptimizerKind.Sgd, LearningRate: 1e12, Seed: 2),
            new(Epochs: 3, Optimizer: OptimizerKind.Sgd, LearningRate: 0.02, Seed: 3),
        ];

        var (stacked, reports) = TrainStacked(spec, members);

        var diverged = TrainSeparately(spec, members[1]);
        Assert.True(diverged.Outcome.Diverged);
        Assert.Equal(diverged.Outcome.DivergedAtEpoch, stacked[1].DivergedAtEpoch);
        Assert.Equal(diverged.Reports.Count, reports[1].Count);
        Assert.False(stacked[0].Diverged);
        Assert.False(stacked[2].Diverged);
        AssertMatches(TrainSeparately(spec, members[0]), (stacked[0], reports[0]));
        AssertMatches(TrainSeparately(spec, members[2]), (stacked[2], reports[2]));
    }

    [Fact]
    public void Train_EachMembersEpoch_GetsItsShareOfTheStacksStepsAndEvaluationWithinTheEpoch()
    {
        TrainOptions[] members = [new(Epochs: 2, Seed: 1), new(Epochs: 2, Seed: 2)];

        var (_, reports) = TrainStacked(new MlpSpec(12, [16], 4), members);

        Assert.All(reports.SelectMany(r => r), e =>
        {
            var phases = e.Phases!;
            Assert.True(phases.TrainingSteps > TimeSpan.Zero, $"epoch {e.Epoch}: steps {phases.TrainingSteps}");
            Assert.True(phases.Evaluation > TimeSpan.Zero, $"epoch {e.Epoch}: evaluation {phases.Evaluation}");
            Assert.True(phases.LayerMeasures >= TimeSpan.Zero);
            Assert.True(phases.TrainingSteps + phases.Evaluation + phases.LayerMeasures <= e.Duration, $"epoch {e.Epoch}: {phases} over {e.Duration}");
        });
        // Shares of one stack: the members' steps of an epoch add up to no more than the epoch.
        Assert.True(reports[0][0].Phases!.TrainingSteps + reports[1][0].Phases!.TrainingSteps <= reports[1][0].Duration);
    }

    [Fact]
    public void Train_MembersWithDifferentEpochCounts_EachStopsAfterItsOwnLastEpoch()
    {
        var spec = new MlpSpec(12, [16], 4);
        TrainOptions[] members = [new(Epochs: 1, Seed: 1), new(Epochs: 3, Seed: 2), new(Epochs: 2, Seed: 3)];

        var (stacked, reports) = TrainStacked(spec, members);

        Assert.Equal([1], reports[0].Select(r => r.Epoch));
        Assert.Equal([1, 2, 3], reports[1].Select(r => r.Epoch));
        Assert.Equal([1, 2], reports[2].Select(r => r.Epoch));
        for (var m = 0; m < members.Length; m++)
        {
            AssertMatches(TrainSeparately(spec, members[m]), (stacked[m], reports[m]));
        }
    }

    [Fact]
    public void Train_EpochCheckpoint_LoadsIntoAPlainModelWithThatMembersWeights()
    {
        var spec = new MlpSpec(12, [16], 4);
        TrainOptions[] members = [new(Epochs: 2, Seed: 1), new(Epochs: 2, Seed: 2)];

        var (stacked, reports) = TrainStacked(spec, members);

        using var scope = TorchSharp.torch.NewDisposeScope();
        using var model = new Mlp(spec);
        Checkpoints.LoadWeights(model, reports[1][^1].Checkpoint);
        Assert.Equal(Values(stacked[1]), ClassifierTrainer.ExtractWeights(model).SelectMany(w => w.Values.Concat(w.Bias!)));
    }

    [Fact]
    public void Train_WithMembersThatCannotShareAStack_Throws()
    {
        var spec = new MlpSpec(12, [16], 4);

        Assert.Throws<ArgumentException>(() => BatchedMlpTrainer.Train(Data, spec, [new(Epochs: 1), new(Epochs: 1, Optimizer: OptimizerKind.Sgd)], (_, _) => { }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => BatchedMlpTrainer.Train(Data, spec, [new(Epochs: 1), new(Epochs: 1, BatchSize: 32)], (_, _) => { }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => BatchedMlpTrainer.Train(Data, spec, [new(Epochs: 1, Optimizer: (OptimizerKind)99)], (_, _) => { }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Train_WhenCancelled_ThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            BatchedMlpTrainer.Train(Data, new MlpSpec(12, [16], 4), [new(Epochs: 2), new(Epochs: 2, Seed: 2)], (_, _) => { }, cancelled.Token));
    }

    [Fact]
    public void Train_WithMembersLeavingEarlyAndDiverging_LeavesNoLiveTensorsBehind()
    {
        var spec = new MlpSpec(12, [16, 8], 4);
        TrainOptions[] members =
        [
            new(Epochs: 1, Optimizer: OptimizerKind.Sgd, LearningRate: 0.05, Seed: 1),
            new(Epochs: 3, Optimizer: OptimizerKind.Sgd, LearningRate: 1e12, Seed: 2),
            new(Epochs: 2, Optimizer: OptimizerKind.Sgd, LearningRate: 0.02, Seed: 3),
        ];
        // Per-thread counters: the whole run happens on this test's thread.
        var stats = TorchSharp.DisposeScopeManager.Statistics;
        var before = Live(stats);
        var createdBefore = stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount;

        var (outcomes, _) = TrainStacked(spec, members);

        Assert.True(outcomes[1].Diverged);
        Assert.True(stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount > createdBefore + 1000, "the statistics did not see the training's tensors");
        Assert.Equal(before, Live(stats));
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, 0.0)]
    [InlineData(OptimizerKind.Sgd, 0.9)]
    public void Train_EpochCheckpoint_ResumesASingleRunThatMatchesTheStackedMember(OptimizerKind optimizer, double momentum)
    {
        var spec = new MlpSpec(12, [16], 4);
        TrainOptions[] members =
        [
            new(Epochs: 3, Optimizer: optimizer, LearningRate: 0.01, Momentum: momentum, Seed: 1),
            new(Epochs: 3, Optimizer: optimizer, LearningRate: 0.01, Momentum: momentum, Seed: 2),
        ];
        var (stacked, reports) = TrainStacked(spec, members);

        var resumedReports = new List<EpochReport>();
        var resumed = ClassifierTrainer.Train(Data, spec, members[1], resumedReports.Add, TestContext.Current.CancellationToken,
            new ResumePoint(1, reports[1][0].Checkpoint));

        AssertMatches((resumed, resumedReports), (stacked[1], reports[1][1..]));
    }

    [Fact]
    public void Train_WithValidationAndLayerTracking_ReportsWhatSeparateTrainingReports()
    {
        var spec = new MlpSpec(12, [16, 8], 4);
        TrainOptions[] members = [new(Epochs: 2, Seed: 1), new(Epochs: 2, Seed: 2)];
        var tracking = new LayerTracking(Saturation: true, InformationPlane: true, InformationSamples: 100);
        var ct = TestContext.Current.CancellationToken;

        var reports = members.Select(_ => new List<EpochReport>()).ToArray();
        BatchedMlpTrainer.Train(Data, spec, members, (m, r) => reports[m].Add(r), ct, Data.Test, tracking);

        for (var m = 0; m < members.Length; m++)
        {
            var separate = new List<EpochReport>();
            ClassifierTrainer.Train(Data, spec, members[m], separate.Add, ct, validation: Data.Test, layers: tracking);
            foreach (var (e, a) in separate.Zip(reports[m]))
            {
                Assert.True(Math.Abs(e.ValidationLoss!.Value - a.ValidationLoss!.Value) <= LossTolerance * e.ValidationLoss.Value, $"epoch {e.Epoch} validation loss");
                Assert.Equal(e.Layers!.Select(l => (l.TrainSaturation, l.TestSaturation)), a.Layers!.Select(l => (l.TrainSaturation, l.TestSaturation)));
                foreach (var (el, al) in e.Layers!.Zip(a.Layers!))
                {
                    Assert.True(Math.Abs(el.Train!.InputBits!.Value - al.Train!.InputBits!.Value) <= LossTolerance * el.Train.InputBits.Value, $"epoch {e.Epoch} {el.Name} I(X;T)");
                }
            }
        }
    }

    // Tensors alive in dispose scopes, alive outside any scope, and the thread's total.
    private static (long InScopes, long OutsideScopes, long Total) Live(TorchSharp.ThreadDisposeScopeStatistics s) => (
        s.CreatedInScopeCount - s.DisposedInScopeCount - s.DetachedFromScopeCount + s.AttachedToScopeCount,
        s.CreatedOutsideScopeCount - s.DisposedOutsideScopeCount + s.DetachedFromScopeCount - s.AttachedToScopeCount,
        s.ThreadTotalLiveCount);

    private static (IReadOnlyList<TrainOutcome> Outcomes, List<EpochReport>[] Reports) TrainStacked(MlpSpec spec, TrainOptions[] members)
    {
        var reports = members.Select(_ => new List<EpochReport>()).ToArray();
        var outcomes = BatchedMlpTrainer.Train(Data, spec, members, (m, r) => reports[m].Add(r), TestContext.Current.CancellationToken);
        return (outcomes, reports);
    }

    private static (TrainOutcome Outcome, List<EpochReport> Reports) TrainSeparately(MlpSpec spec, TrainOptions options)
    {
        var reports = new List<EpochReport>();
        var outcome = ClassifierTrainer.Train(Data, spec, options, reports.Add, TestContext.Current.CancellationToken);
        return (outcome, reports);
    }

    private static void AssertMatches((TrainOutcome Outcome, List<EpochReport> Reports) expected, (TrainOutcome Outcome, List<EpochReport> Reports) actual)
    {
        Assert.Equal(expected.Outcome.DivergedAtEpoch, actual.Outcome.DivergedAtEpoch);
        Assert.Equal(expected.Reports.Select(r => r.Epoch), actual.Reports.Select(r => r.Epoch));
        foreach (var (e, a) in expected.Reports.Zip(actual.Reports))
        {
            Assert.True(Math.Abs(e.TrainLoss - a.TrainLoss) <= LossTolerance * e.TrainLoss, $"epoch {e.Epoch} train loss {a.TrainLoss} vs {e.TrainLoss}");
            Assert.True(Math.Abs(e.TestLoss - a.TestLoss) <= LossTolerance * e.TestLoss, $"epoch {e.Epoch} test loss {a.TestLoss} vs {e.TestLoss}");
            // At most one sample may flip class (a near tie between two logits).
            Assert.True(Math.Abs(e.TrainAccuracy - a.TrainAccuracy) <= 1.0 / Data.Train.Samples, $"epoch {e.Epoch} train accuracy {a.TrainAccuracy} vs {e.TrainAccuracy}");
            Assert.True(Math.Abs(e.TestAccuracy - a.TestAccuracy) <= 1.0 / Data.Test.Samples, $"epoch {e.Epoch} test accuracy {a.TestAccuracy} vs {e.TestAccuracy}");
        }
        var difference = WeightDifference(expected.Outcome, actual.Outcome);
        Assert.True(difference <= WeightTolerance, $"weights differ by {difference:E2} of the layer's largest weight");
    }

    // Largest difference between corresponding weights or biases, relative to the layer's largest magnitude.
    private static double WeightDifference(TrainOutcome expected, TrainOutcome actual)
    {
        Assert.Equal(expected.Weights.Select(w => w.Name), actual.Weights.Select(w => w.Name));
        var worst = 0.0;
        foreach (var (e, a) in expected.Weights.Zip(actual.Weights))
        {
            var ev = e.Values.Concat(e.Bias!).ToArray();
            var av = a.Values.Concat(a.Bias!).ToArray();
            Assert.Equal(ev.Length, av.Length);
            var scale = ev.Max(Math.Abs);
            worst = Math.Max(worst, ev.Zip(av, (x, y) => Math.Abs(x - y) / scale).Max());
        }
        return worst;
    }

    private static float[] Values(TrainOutcome outcome) => [.. outcome.Weights.SelectMany(w => w.Values.Concat(w.Bias!))];
}

using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Tracking;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;

namespace CapacityGrid.Analysis.Tests.Training.Trainers;

public sealed class MemoryTests
{
    [Fact]
    public void Train_WithResumeValidationAndExport_LeavesNoLiveTensorsBehind()
    {
        var data = TrainingData.TeacherSplit(samples: 600);
        var spec = new MlpSpec(12, [16, 8], 4);
        var options = new TrainOptions(Epochs: 2, EarlyStopping: new EarlyStoppingOptions(Patience: 5));
        // Per-thread counters: the whole run happens on this test's thread.
        var stats = DisposeScopeManager.Statistics;
        var before = Live(stats);
        var createdBefore = stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount;
        var first = new List<EpochReport>();

        ClassifierTrainer.Train(data, spec, options, first.Add, TestContext.Current.CancellationToken, validation: data.Test);
        ClassifierTrainer.Train(data, spec, options with { Epochs = 3 }, _ => { }, TestContext.Current.CancellationToken, new ResumePoint(2, first[^1].Checkpoint), data.Test);
        using (var file = new MemoryStream())
        {
            CheckpointExport.ToSafetensors(first[^1].Checkpoint, file);
        }

        // A guard that the per-thread statistics saw the run: every batch makes well over ten tensors.
        var batches = 3 * (int)Math.Ceiling(data.Train.Samples / (double)options.BatchSize);
        var created = stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount - createdBefore;
        Assert.True(created > 10 * batches, $"the statistics saw only {created} tensors of the training's {batches} batches");
        Assert.Equal(before, Live(stats));
    }

    [Fact]
    public void Train_ACnnWithResumeLayerTrackingAndExport_LeavesNoLiveTensorsBehind()
    {
        var data = ImageData.Quadrants(samples: 300);
        var spec = new CnnSpec(1, 8, 8, [new ConvLayerSpec(4, 3, "max"), new ConvLayerSpec(4, 2, "none")], [8], 4);
        var options = new TrainOptions(Epochs: 2);
        var tracking = new LayerTracking(InformationPlane: true, InformationSamples: 30);
        var stats = DisposeScopeManager.Statistics;
        var before = Live(stats);
        var createdBefore = stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount;
        var first = new List<EpochReport>();

        ClassifierTrainer.Train(data, spec, options, first.Add, TestContext.Current.CancellationToken, layers: tracking);
        ClassifierTrainer.Train(data, spec, options with { Epochs = 3 }, _ => { }, TestContext.Current.CancellationToken,
            new ResumePoint(2, first[^1].Checkpoint), layers: tracking);
        using (var file = new MemoryStream())
        {
            CheckpointExport.ToSafetensors(first[^1].Checkpoint, file);
        }

        var batches = 3 * (int)Math.Ceiling(data.Train.Samples / (double)options.BatchSize);
        var created = stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount - createdBefore;
        Assert.True(created > 10 * batches, $"the statistics saw only {created} tensors of the training's {batches} batches");
        Assert.Equal(before, Live(stats));
    }

    // Tensors alive in dispose scopes, alive outside any scope, and the thread's total.
    private static (long InScopes, long OutsideScopes, long Total) Live(ThreadDisposeScopeStatistics s) => (
        s.CreatedInScopeCount - s.DisposedInScopeCount - s.DetachedFromScopeCount + s.AttachedToScopeCount,
        s.CreatedOutsideScopeCount - s.DisposedOutsideScopeCount + s.DetachedFromScopeCount - s.AttachedToScopeCount,
        s.ThreadTotalLiveCount);
}

using CapacityGrid.Analysis.Data;
using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Tests.Fixtures;
using CapacityGrid.Grains.Training;

namespace CapacityGrid.Grains.Tests.Training;

[Collection(GridCollection.Name)]
public sealed class PermanentFailureTests(GridClusterFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-permanent-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Cases => ["model", "data", "optimizer"];

    // Sent to the trainer directly: the experiment grain would refuse both at submit, but a file can break after it.
    private TrainRequest Request(string invalid, string id)
    {
        var training = new TrainingSpec(Epochs: 2);
        if (invalid == "model")
        {
            // A 5x5 kernel on the 4x4 image of 16 features cannot be built.
            return new TrainRequest(id, new GridPoint("p-model", [3, 6], 1, "relu", new GridConv(1, 5, "max")), new DatasetSpec("teacher", InputDim: 16), training);
        }
        if (invalid == "optimizer")
        {
            return new TrainRequest(id, new GridPoint("p-optimizer", [4], 1, "relu"), new DatasetSpec("teacher", Samples: 200), training with { Optimizer = "adamw" });
        }
        var csv = Path.Combine(_folder, "data.csv");
        File.WriteAllText(csv, "a,b,label\n1,2,x\nNaN,3,y\n4,5,x\n6,7,y\n");
        return new TrainRequest(id, new GridPoint("p-data", [4], 1, "relu"), new DatasetSpec("csv", Path: csv, Classes: 2), training);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task APointThatCannotTrain_FailsAfterExactlyOneAttemptWithItsErrorInOneLine(string invalid)
    {
        var id = $"permanent-{Guid.NewGuid():N}"[..24];
        var request = Request(invalid, id);
        var trainer = fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, request.Point.PointId));

        await trainer.StartAsync(request);
        await Eventually.WaitForAsync(async () => (await trainer.GetResultAsync()).Status == PointStatus.Failed);
        // Longer than the first retry's delay (Training:RetryDelay, 2 s): a retry would have started by now.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        var result = await trainer.GetResultAsync();
        Assert.Equal(PointStatus.Failed, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.NotNull(result.Error);
        Assert.DoesNotContain('\n', result.Error);
        Assert.Contains(invalid switch { "model" => "do not fit", "optimizer" => "unknown optimizer 'adamw'", _ => "is NaN" }, result.Error);
    }

    [Fact]
    public void IsPermanent_FaultsThatCanPass_AreRetriedAndInvalidInputIsNot()
    {
        Assert.True(TrainingFailure.IsPermanent(new ArgumentException("grid.cnn: no")));
        Assert.True(TrainingFailure.IsPermanent(new DataFormatException("f.csv", "line 3", "NaN")));
        Assert.True(TrainingFailure.IsPermanent(new SpecException("grid", "too large")));
        Assert.False(TrainingFailure.IsPermanent(new OutOfMemoryException()));
        Assert.False(TrainingFailure.IsPermanent(new DirectoryNotFoundException("not found")));
        Assert.False(TrainingFailure.IsPermanent(new TimeoutException()));
        Assert.False(TrainingFailure.IsPermanent(new System.Runtime.InteropServices.ExternalException("CUDA out of memory")));
    }
}

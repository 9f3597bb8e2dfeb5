using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Tests.Fixtures;

namespace CapacityGrid.Grains.Tests.Experiments;

/// <summary>A client that skips the CLI's check still cannot start an experiment under an unsafe key.</summary>
[Collection(GridCollection.Name)]
public sealed class UnsafeIdTests(GridClusterFixture fixture)
{
    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("abc\n")]
    public async Task StartAsync_UnderAnUnsafeKey_IsRefusedBeforeAnythingIsStored(string id)
    {
        var spec = new ExperimentSpec("unsafe", new DatasetSpec("teacher", InputDim: 4, Samples: 100), new GridSpec([2], [1], [1]), new TrainingSpec(Epochs: 1));
        var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>(id);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => experiment.StartAsync(spec));

        Assert.Contains("is not an experiment id", e.Message);
        Assert.Null(await experiment.GetSpecAsync());
    }
}

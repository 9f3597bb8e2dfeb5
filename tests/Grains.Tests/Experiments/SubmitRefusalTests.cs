using Azure.Storage.Blobs;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Registry;
using CapacityGrid.Grains.Tests.Fixtures;

namespace CapacityGrid.Grains.Tests.Experiments;

[Collection(GridCollection.Name)]
public sealed class SubmitRefusalTests(GridClusterFixture fixture)
{
    public static TheoryData<string> Cases => ["parameters", "memory", "cnn"];

    private static ExperimentSpec Spec(string refused) => refused switch
    {
        // 81,607,262,212 parameters: far over what a model may have.
        "parameters" => new("too-big", new DatasetSpec("teacher", InputDim: 20), new GridSpec([65536], [20], [1]), new TrainingSpec(Epochs: 1)),
        // 10 million rows of 100,000 features: terabytes of data for any slot.
        "memory" => new("too-big", new DatasetSpec("teacher", InputDim: 100_000, Samples: 10_000_000), new GridSpec([8], [1], [1]), new TrainingSpec(Epochs: 1)),
        // A 5x5 kernel on the 4x4 image of 16 features.
        _ => new("too-big", new DatasetSpec("teacher", InputDim: 16), new GridSpec([6], [1], [1], Cnn: new CnnGridSpec([[3]], Kernel: 5)), new TrainingSpec(Epochs: 1)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task StartAsync_APointThatCanNeverTrain_IsRefusedAndLeavesNoExperimentContainerOrBlob(string refused)
    {
        var id = $"refused-{Guid.NewGuid():N}"[..24];
        var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>(id);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => experiment.StartAsync(Spec(refused)));

        Assert.StartsWith(refused == "cnn" ? "grid.cnn: " : "grid: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(ExperimentState.Unknown, (await experiment.GetStatusAsync()).State);
        Assert.DoesNotContain(await fixture.Cluster.Client.GetGrain<IExperimentRegistryGrain>(0).ListAsync(), x => x.ExperimentId == id);
        var blobs = new BlobServiceClient(fixture.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.DoesNotContain(id, container.Name);
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
            {
                Assert.DoesNotContain(id, blob.Name);
            }
        }
    }
}

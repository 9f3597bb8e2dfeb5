using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Tests.Fixtures;
using Orleans.Runtime;

namespace CapacityGrid.Grains.Tests.Placement;

/// <summary>A cluster of its own whose first silo advertises a GPU and whose second does not.</summary>
public sealed class TrainingPlacementTests : IAsyncLifetime
{
    private readonly GridClusterFixture _fixture = new() { SiloCount = 2, GpuSilos = ["Silo_0"] };

    public ValueTask InitializeAsync() => _fixture.InitializeAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    private static ExperimentSpec Spec(string? device) => new(
        "placement",
        new DatasetSpec("teacher", InputDim: 4, Classes: 2, Samples: 200, Seed: 3),
        new GridSpec([2, 3, 4, 5], [1], [1, 2]),
        new TrainingSpec(Epochs: 1, Device: device));

    [Fact]
    public async Task Trainers_OfPointsThatNeedCuda_GoOnlyToTheGpuSilo()
    {
        var id = $"gpu-{Guid.NewGuid():N}"[..16];
        var client = _fixture.Cluster.Client;
        await client.GetGrain<IExperimentGrain>(id).StartAsync(Spec("cuda"));
        var points = await client.GetGrain<IExperimentGrain>(id).GetPointsAsync();
        var management = client.GetGrain<IManagementGrain>(0);

        var silos = await Task.WhenAll(points.Select(p => management.GetActivationAddress(client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, p.PointId))).AsTask()));

        // This machine has no GPU, so the points themselves fail; where they were placed is what counts here.
        Assert.All(silos, silo => Assert.Equal(_fixture.Cluster.Silos[0].SiloAddress, silo));
    }

    [Fact]
    public async Task Trainers_OfCpuPoints_MayGoToEverySilo()
    {
        var id = $"cpu-{Guid.NewGuid():N}"[..16];
        var client = _fixture.Cluster.Client;
        await client.GetGrain<IExperimentGrain>(id).StartAsync(Spec("cpu") with { Grid = new GridSpec([2, 3, 4, 5, 6, 7, 8, 9], [1], [1, 2, 3, 4]) });
        var points = await client.GetGrain<IExperimentGrain>(id).GetPointsAsync();
        var management = client.GetGrain<IManagementGrain>(0);

        var silos = await Task.WhenAll(points.Select(p => management.GetActivationAddress(client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, p.PointId))).AsTask()));

        // 32 points, equal slots: all on one silo has probability 2 x 2^-32.
        Assert.Equal(2, silos.Where(s => s is not null).Distinct().Count());
    }
}

[Collection(GridCollection.Name)]
public sealed class DeviceRefusalTests(GridClusterFixture fixture)
{
    [Fact]
    public async Task StartAsync_WithCudaPointsOnACpuOnlyCluster_IsRefusedAtSubmit()
    {
        var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>($"nogpu-{Guid.NewGuid():N}"[..18]);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => experiment.StartAsync(new ExperimentSpec(
            "nogpu", new DatasetSpec("teacher"), new GridSpec([4], [1], [1]), new TrainingSpec(Epochs: 1, Device: "cuda"))));

        Assert.Contains("no silo of this cluster has a GPU", e.Message);
        Assert.Equal(ExperimentState.Unknown, (await experiment.GetStatusAsync()).State);
    }
}

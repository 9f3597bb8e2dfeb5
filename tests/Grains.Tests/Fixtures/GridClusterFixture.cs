using Azure.Storage.Blobs;
using CapacityGrid.Grains.Checkpoints;
using CapacityGrid.Silo.Hosting;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace CapacityGrid.Grains.Tests.Fixtures;

/// <summary>
/// A real Azurite on free loopback ports with its data in a temporary folder, and a two-silo in-process
/// cluster configured exactly as the product's silos are. Shared by the tests of the "grid" collection.
/// </summary>
public sealed class GridClusterFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-grains-").FullName;
    private AzuriteLauncher? _azurite;

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>Azurite's connection string.</summary>
    public string ConnectionString => _azurite!.ConnectionString;

    /// <summary>Checkpoints as the grains see them.</summary>
    public CheckpointStore Checkpoints => new(new BlobServiceClient(ConnectionString));

    /// <summary>Silos in the cluster.</summary>
    public short SiloCount { get; init; } = 2;

    /// <summary>Training slots per silo.</summary>
    public int SlotsPerSilo { get; init; } = 2;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Training:Slots"] = $"{SlotsPerSilo}",
            ["Training:LivenessCheck"] = "00:00:02",
        }).Build();
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.ConfigureSilo((_, silo) => silo.AddCapacityGrid(configuration));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Tests that share one Azurite and one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class GridCollection : ICollectionFixture<GridClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "grid";
}

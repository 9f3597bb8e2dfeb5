using Azure.Storage.Blobs;
using CapacityGrid.Grains.Abstractions.Serialization;
using CapacityGrid.Grains.Checkpoints;
using CapacityGrid.Grains.Training;
using CapacityGrid.Silo.Hosting;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    private string? _stoppedConnection;

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

    /// <summary>Most points a slot trains together as one stack (Training:MaxBatchedPoints; 1 turns batching off).</summary>
    public int MaxBatchedPoints { get; init; } = 8;

    /// <summary>Names of the silos that advertise a GPU (the test cluster names them Silo_0, Silo_1, ...).</summary>
    public string[] GpuSilos { get; init; } = [];

    /// <summary>When set, the silos train with the trivial <see cref="FixedTimeTrainingEngine"/> at this time per epoch instead of TorchSharp.</summary>
    public TimeSpan? EpochTime { get; init; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"));
        IConfiguration Configuration(string silo) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Training:Slots"] = $"{SlotsPerSilo}",
            ["Training:LivenessCheck"] = "00:00:02",
            ["Training:MaxBatchedPoints"] = $"{MaxBatchedPoints}",
            ["Training:Accelerator"] = GpuSilos.Contains(silo) ? "gpu" : "cpu",
        }).Build();
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.ConfigureSilo((options, silo) =>
        {
            if (EpochTime is { } epochTime)
            {
                silo.Services.AddSingleton<ITrainingEngine>(new FixedTimeTrainingEngine(epochTime));
            }
            silo.AddCapacityGrid(Configuration(options.SiloName));
            silo.AddIncomingGrainCallFilter<GrainCallCounter>();
        });
        builder.ConfigureClient(client => client.Services.AddMeasureRecords());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Stops Azurite (as an outage would), keeping its data.</summary>
    public async Task StopStorageAsync()
    {
        var connection = ConnectionString;
        await _azurite!.DisposeAsync();
        _stoppedConnection = connection;
    }

    /// <summary>Starts Azurite again on the same ports and data after <see cref="StopStorageAsync"/>.</summary>
    public async Task StartStorageAsync() =>
        _azurite = await AzuriteLauncher.EnsureAsync(_stoppedConnection!, Path.Combine(_folder, "azurite"));

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

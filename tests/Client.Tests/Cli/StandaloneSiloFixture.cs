using CapacityGrid.Silo.Hosting;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>
/// A real Azurite and a standalone silo wired exactly as <c>dotnet run --project src/Silo</c> wires one (Azure
/// Table membership), in this process; the CLI reaches it as a remote cluster with <c>--cluster</c>.
/// </summary>
public sealed class StandaloneSiloFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-silo-").FullName;
    private AzuriteLauncher? _azurite;
    private IHost? _silo;

    /// <summary>The cluster id the silo joins.</summary>
    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}"[..16];

    /// <summary>Storage of the cluster.</summary>
    public string Storage => _azurite!.ConnectionString;

    /// <summary>More silo settings (configuration keys, e.g. <c>Tls:Enabled</c>), applied over the defaults.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The CLI arguments that reach this cluster.</summary>
    public string[] ClusterArgs => ["--cluster", ClusterId, "--storage", Storage, "--service-id", ClusterId];

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => await StartAsync();

    /// <summary>Starts Azurite (once) and the silo.</summary>
    public async Task StartAsync()
    {
        _azurite ??= await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Storage,
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:ServiceId"] = ClusterId,
            ["Cluster:SiloPort"] = $"{AzuriteLauncher.FreePort()}",
            ["Cluster:GatewayPort"] = $"{AzuriteLauncher.FreePort()}",
            ["Training:Slots"] = "1",
            ["Training:LivenessCheck"] = "00:00:02",
        });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCapacityGridSilo();
        _silo = builder.Build();
        await _silo.StartAsync();
    }

    /// <summary>Stops the silo (as a cluster shutdown would); storage stays.</summary>
    public async Task StopSiloAsync()
    {
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
            _silo = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopSiloAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }
}

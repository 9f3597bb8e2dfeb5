using System.Net;
using System.Net.NetworkInformation;
using CapacityGrid.Silo.Hosting;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Grains.Tests.Hosting;

/// <summary>
/// Every port a standalone silo (silo-to-silo, gateway, dashboard) and the Azurite that capgrid starts listen on is
/// bound to loopback unless configured otherwise: nothing is reachable from another machine by default.
/// </summary>
public sealed class ListenerTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-listeners-").FullName;
    private AzuriteLauncher? _azurite;

    public async ValueTask InitializeAsync() => _azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"));

    public async ValueTask DisposeAsync()
    {
        await _azurite!.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Defaults_OfTheSiloAndTheDashboard_AreLoopback()
    {
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(new GridClusterOptions().AdvertisedAddress)));
        Assert.True(new Uri(new GridDashboardOptions().Url).IsLoopback);
        Assert.False(new GridDashboardOptions().Enabled);
    }

    [Fact]
    public async Task StandaloneSiloWithTheDashboard_AndAzurite_ListenOnLoopbackOnly()
    {
        var (silo, gateway, dashboard) = (AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        // Cluster:AdvertisedAddress is left at its default.
        using var host = SiloHost.Build([], new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _azurite!.ConnectionString,
            ["Cluster:ClusterId"] = $"listen-{Guid.NewGuid():N}"[..14],
            ["Cluster:SiloPort"] = $"{silo}",
            ["Cluster:GatewayPort"] = $"{gateway}",
            ["Dashboard:Enabled"] = "true",
            ["Dashboard:Url"] = $"http://127.0.0.1:{dashboard}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var storage = StorageEndpoint.Parse(_azurite.ConnectionString);
            var ports = new[] { silo, gateway, dashboard, storage.Blob.Port, storage.Queue!.Port, storage.Table!.Port };

            var listeners = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Where(l => ports.Contains(l.Port)).ToList();

            Assert.All(ports, port => Assert.Contains(listeners, l => l.Port == port));
            Assert.All(listeners, l => Assert.True(IPAddress.IsLoopback(l.Address), $"port {l.Port} listens on {l.Address}"));
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}

using CapacityGrid.Silo.Hosting;
using CapacityGrid.Silo.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace CapacityGrid.Grains.Tests.Hosting;

public sealed class DashboardTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-dashboard-").FullName;
    private AzuriteLauncher? _azurite;

    public async ValueTask InitializeAsync() => _azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"));

    public async ValueTask DisposeAsync()
    {
        await _azurite!.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, string?> Settings(bool dashboard, int port) => new()
    {
        ["Storage:ConnectionString"] = _azurite!.ConnectionString,
        ["Cluster:ClusterId"] = $"dash-{Guid.NewGuid():N}"[..12],
        ["Cluster:SiloPort"] = $"{AzuriteLauncher.FreePort()}",
        ["Cluster:GatewayPort"] = $"{AzuriteLauncher.FreePort()}",
        ["Dashboard:Enabled"] = dashboard ? "true" : "false",
        ["Dashboard:Url"] = $"http://127.0.0.1:{port}",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    [Fact]
    public async Task Silo_WithTheDashboardOn_ServesItOnLoopback()
    {
        var port = AzuriteLauncher.FreePort();
        using var host = SiloHost.Build([], Settings(dashboard: true, port));
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var http = new HttpClient();
            var page = await http.GetAsync($"http://127.0.0.1:{port}/", TestContext.Current.CancellationToken);

            Assert.True(page.IsSuccessStatusCode, $"{(int)page.StatusCode}");
            Assert.Contains("Orleans", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void Silo_WithTheDashboardOff_RunsNoWebServer()
    {
        using var host = SiloHost.Build([], Settings(dashboard: false, AzuriteLauncher.FreePort()));

        Assert.IsNotType<WebApplication>(host);
    }
}

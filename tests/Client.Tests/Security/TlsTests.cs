using System.Net;
using CapacityGrid.Silo.Hosting.Tls;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Messaging;

namespace CapacityGrid.Client.Tests.Security;

/// <summary>Silos and a client on loopback with <see cref="GridTls"/>, using a self-signed certificate made here.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-tls-").FullName;
    private readonly List<IHost> _hosts = [];
    private readonly string _cluster = $"tls-{Guid.NewGuid():N}"[..12];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await host.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // A host that cannot stop in time is disposed all the same.
            }
            host.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TwoSilosAndAClient_WithTheClusterCertificate_JoinAndCallAGrainOverTls()
    {
        var tls = CertificateOptions("cluster");
        var (primary, gateway) = await StartSiloAsync(tls, primary: null);
        await StartSiloAsync(tls, primary);

        var client = await StartClientAsync(tls, gateway, TimeSpan.FromSeconds(30));
        var management = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

        await Eventually.WaitForAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, TimeSpan.FromSeconds(30),
            "both silos active in the membership (it may take a moment to spread)");
    }

    [Fact]
    public async Task Client_WithoutTls_CannotConnectToATlsSilo()
    {
        var (_, gateway) = await StartSiloAsync(CertificateOptions("cluster"), primary: null);

        var e = await Assert.ThrowsAnyAsync<Exception>(() => StartClientAsync(new GridTlsOptions(), gateway, TimeSpan.FromSeconds(20), retry: false));

        // Refused at the connection, not merely slow.
        Assert.IsType<ConnectionFailedException>(e);
    }

    [Fact]
    public async Task Client_WithAnotherSelfSignedCertificate_IsRefusedByTheSilo()
    {
        var (_, gateway) = await StartSiloAsync(CertificateOptions("cluster"), primary: null);

        var e = await Assert.ThrowsAnyAsync<Exception>(() => StartClientAsync(CertificateOptions("stranger"), gateway, TimeSpan.FromSeconds(20), retry: false));

        Assert.IsType<ConnectionFailedException>(e);
    }

    [Fact]
    public void LoadCertificate_WhenEnabledWithoutACertificate_SaysWhichSettingIsMissing()
    {
        var e = Assert.Throws<InvalidOperationException>(() => GridTls.LoadCertificate(new GridTlsOptions { Enabled = true }));

        Assert.Contains("Tls:CertificatePath", e.Message);
    }

    [Fact]
    public void LoadCertificate_WithAWrongPassword_DoesNotEchoThePassword()
    {
        var options = CertificateOptions("cluster");
        options.CertificatePassword = "wrong-password-4711";

        var e = Assert.Throws<InvalidOperationException>(() => GridTls.LoadCertificate(options));

        Assert.Contains(options.CertificatePath!, e.Message);
        Assert.DoesNotContain("wrong-password-4711", e.Message);
    }

    // A self-signed certificate (server and client authentication) in a password-protected PKCS#12 file.
    private GridTlsOptions CertificateOptions(string name) => TestCertificates.Create(_folder, name);

    private async Task<(int SiloPort, int GatewayPort)> StartSiloAsync(GridTlsOptions tls, int? primary)
    {
        var (siloPort, gatewayPort) = (AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, primary is { } p ? new IPEndPoint(IPAddress.Loopback, p) : null, _cluster, _cluster)
            .UseGridTls(tls));
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return (siloPort, gatewayPort);
    }

    // retry: false makes the client give up at the first refused connection instead of trying until the timeout.
    private async Task<IHost> StartClientAsync(GridTlsOptions tls, int gatewayPort, TimeSpan timeout, bool retry = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(gatewayPort, _cluster, _cluster)
            .UseConnectionRetryFilter((_, _) => Task.FromResult(retry))
            .UseGridTls(tls));
        var host = builder.Build();
        _hosts.Add(host);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        await host.StartAsync(deadline.Token);
        // A connection the silo refused may only show on the first call.
        await host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(deadline.Token);
        return host;
    }
}

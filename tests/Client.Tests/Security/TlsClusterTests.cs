using CapacityGrid.Client.Tests.Cli;
using CapacityGrid.Silo.Hosting;
using CapacityGrid.Silo.Hosting.Tls;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Client.Tests.Security;

/// <summary>
/// TLS the way an operator runs it: a standalone silo with Azure Table membership (in Azurite) and a certificate,
/// and the real capgrid reaching it with --cluster, its TLS settings from the environment.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class TlsClusterTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-tls-cluster-").FullName;
    private readonly string _cluster = $"tlsc-{Guid.NewGuid():N}"[..16];
    private AzuriteLauncher? _azurite;
    private IHost? _silo;
    private GridTlsOptions _tls = null!;

    public async ValueTask InitializeAsync()
    {
        _tls = TestCertificates.Create(_folder, "cluster");
        _azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Cluster:ClusterId"] = _cluster,
            ["Cluster:ServiceId"] = _cluster,
            ["Cluster:SiloPort"] = $"{AzuriteLauncher.FreePort()}",
            ["Cluster:GatewayPort"] = $"{AzuriteLauncher.FreePort()}",
            ["Training:Slots"] = "1",
            ["Tls:Enabled"] = "true",
            ["Tls:CertificatePath"] = _tls.CertificatePath,
            ["Tls:CertificatePassword"] = _tls.CertificatePassword,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCapacityGridSilo();
        _silo = builder.Build();
        await _silo.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    private string[] ClusterArgs => ["--cluster", _cluster, "--service-id", _cluster, "--storage", _azurite!.ConnectionString, "--connect-timeout", "20"];

    [Fact]
    public async Task Run_WithTheClusterCertificate_FindsTheTlsSiloThroughTheMembershipTableAndTrains()
    {
        var environment = new Dictionary<string, string>
        {
            ["Tls__Enabled"] = "true",
            ["Tls__CertificatePath"] = _tls.CertificatePath!,
            ["Tls__CertificatePassword"] = _tls.CertificatePassword!,
        };

        var run = await CapgridProcess.RunAsync(["run", TinySpec(), "--id", "tls-cluster", "--out", Path.Combine(_folder, "out"), .. ClusterArgs], environment);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "tls-cluster", "capacity-map.json")));
    }

    [Fact]
    public async Task Run_WithoutTls_IsRefusedByTheTlsSiloAndSaysToSetTheTlsSettingsInOneLine()
    {
        var run = await CapgridProcess.RunAsync(["run", TinySpec(), "--id", "tls-refused", "--out", Path.Combine(_folder, "out"), .. ClusterArgs]);

        Assert.Equal(3, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // It says what is wrong (the silo answered and dropped the connection) and how to fix it, not "start silos".
        Assert.StartsWith($"capgrid: cluster: silos of cluster '{_cluster}' answer but drop the connection (closed before the Orleans handshake); the silos use TLS: set Tls__Enabled=true", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out", "tls-refused")));
    }

    [Fact]
    public async Task Run_WithAnotherCertificate_IsRefusedAndSaysToCheckTheCertificateInOneLine()
    {
        var stranger = TestCertificates.Create(_folder, "stranger");
        var environment = new Dictionary<string, string>
        {
            ["Tls__Enabled"] = "true",
            ["Tls__CertificatePath"] = stranger.CertificatePath!,
            ["Tls__CertificatePassword"] = stranger.CertificatePassword!,
        };

        var run = await CapgridProcess.RunAsync(["run", TinySpec(), "--id", "tls-stranger", "--out", Path.Combine(_folder, "out"), .. ClusterArgs], environment);

        Assert.Equal(3, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"capgrid: cluster: silos of cluster '{_cluster}' answer but drop the connection (", run.Error, StringComparison.Ordinal);
        Assert.Contains("check that Tls__CertificatePath is the cluster's certificate", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCertificates.Password, run.Error, StringComparison.Ordinal);
    }

    private string TinySpec()
    {
        var path = Path.Combine(_folder, "tiny.json");
        File.WriteAllText(path, """
            { "name": "tiny",
              "dataset": { "kind": "teacher", "inputDim": 4, "teacherHidden": [4], "classes": 2, "samples": 300, "seed": 1 },
              "grid": { "widths": [2], "depths": [1], "seeds": [1] },
              "training": { "epochs": 2 } }
            """);
        return path;
    }
}

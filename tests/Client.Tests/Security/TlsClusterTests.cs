using CapacityGrid.Client.Tests.Cli;
using CapacityGrid.Silo.Hosting.Tls;

namespace CapacityGrid.Client.Tests.Security;

/// <summary>
/// TLS the way an operator runs it: a standalone silo with Azure Table membership (in Azurite) and a certificate,
/// and the real capgrid reaching it with --cluster, its TLS settings from the environment.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class TlsClusterTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-tls-cluster-").FullName;
    private readonly GridTlsOptions _tls;
    private readonly StandaloneSiloFixture _silo;

    public TlsClusterTests()
    {
        _tls = TestCertificates.Create(_folder, "cluster");
        _silo = new StandaloneSiloFixture
        {
            Settings = new Dictionary<string, string?>
            {
                ["Tls:Enabled"] = "true",
                ["Tls:CertificatePath"] = _tls.CertificatePath,
                ["Tls:CertificatePassword"] = _tls.CertificatePassword,
            },
        };
    }

    public ValueTask InitializeAsync() => _silo.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string[] ClusterArgs => [.. _silo.ClusterArgs, "--connect-timeout", "20"];

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
        Assert.StartsWith($"capgrid: cluster: silos of cluster '{_silo.ClusterId}' answer but drop the connection (closed before the Orleans handshake); the silos use TLS: set Tls__Enabled=true", run.Error, StringComparison.Ordinal);
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
        Assert.StartsWith($"capgrid: cluster: silos of cluster '{_silo.ClusterId}' answer but drop the connection (", run.Error, StringComparison.Ordinal);
        Assert.Contains("check that Tls__CertificatePath is the cluster's certificate", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCertificates.Password, run.Error, StringComparison.Ordinal);
    }

    private string TinySpec() => Cli.TinySpec.Write(_folder);
}

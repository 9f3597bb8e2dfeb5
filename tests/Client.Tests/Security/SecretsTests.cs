using CapacityGrid.Client.Tests.Cli;
using CapacityGrid.ServiceDefaults;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Security;

/// <summary>
/// The real capgrid with secrets in its connection string: its console output, --verbose logs, console traces, its
/// OTLP export (traces, metrics, logs) and the files it writes hold neither the account key nor a SAS signature.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class SecretsTests : IDisposable
{
    private const string SasSignature = "U0VDUkVULVNBUy1TSUdOQVRVUkU";
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-secrets-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Out => Path.Combine(_folder, "out");

    private string Data => Path.Combine(_folder, "data");

    private static readonly Dictionary<string, string> Traces = new() { ["Telemetry__Console"] = "true" };

    [Fact]
    public async Task Run_WithTheAccountKeyInItsConnectionString_NeverPrintsLogsTracesOrWritesIt()
    {
        var storage = StorageEndpoint.AzuriteConnectionString(AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        Assert.Contains(StorageEndpoint.DevelopmentAccountKey, storage);

        var run = await CapgridProcess.RunAsync(["run", TinySpec(), "--id", "secrets", "--verbose", "--out", Out, "--data", Data, "--storage", storage], Traces);

        Assert.True(run.ExitCode == 0, run.Error);
        // The scan sees logs, traces and the map, so it is not vacuous.
        Assert.Contains("info: ", run.Error);
        Assert.Contains("Activity.TraceId", run.Output);
        var written = Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(written, f => f.EndsWith("capacity-map.json", StringComparison.Ordinal));
        AssertNoSecret("stdout", run.Output);
        AssertNoSecret("stderr", run.Error);
        Assert.All(written, file => AssertNoSecret(file, File.ReadAllText(file)));
    }

    [Fact]
    public async Task Run_ExportingOverOtlp_SendsNoSecretInItsTracesMetricsOrLogs()
    {
        using var collector = new OtlpReceiver();
        var storage = StorageEndpoint.AzuriteConnectionString(AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        var otlp = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };

        var run = await CapgridProcess.RunAsync(["run", TinySpec(), "--id", "secrets-otlp", "--verbose", "--out", Out, "--data", Data, "--storage", storage], otlp);

        Assert.True(run.ExitCode == 0, run.Error);
        var received = collector.Received.ToList();
        // Not vacuous: the export holds the grid's own spans and the verbose logs, which name the storage
        // endpoints (protobuf keeps strings as UTF-8, so a secret would appear as it is).
        Assert.Contains(received, r => r.Path == "/v1/traces" && Text(r.Body).Contains("grid-point", StringComparison.Ordinal));
        Assert.Contains(received, r => r.Path == "/v1/logs" && Text(r.Body).Contains("127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(received, r => r.Path == "/v1/metrics");
        Assert.All(received, r => AssertNoSecret($"OTLP {r.Path}", Text(r.Body)));

        static string Text(byte[] body) => System.Text.Encoding.UTF8.GetString(body);
    }

    [Fact]
    public async Task Run_WithASasTokenStorageRefuses_SaysSoInOneLineWithoutTheToken()
    {
        var (blob, queue, table) = (AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        var storage = $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;SharedAccessSignature=sv=2024-05-04&ss=btq&srt=sco&sp=rwdlac&se=2099-01-01T00:00:00Z&sig={SasSignature}";

        var run = await CapgridProcess.RunAsync(["run", TinySpec(), "--verbose", "--out", Out, "--data", Data, "--storage", storage], Traces);

        Assert.Equal(3, run.ExitCode);
        Assert.EndsWith("capgrid: storage: request failed with status 403 (AuthorizationFailure); check the connection string's account key or SAS token", run.Error.TrimEnd());
        AssertNoSecret("stdout", run.Output);
        AssertNoSecret("stderr", run.Error);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=***;EndpointSuffix=core.windows.net")]
    [InlineData("BlobEndpoint=https://a.blob/;SharedAccessSignature=sv=2024&sig=abc%2Bdef", "BlobEndpoint=https://a.blob/;SharedAccessSignature=***")]
    [InlineData("GET https://a.blob.core.windows.net/c?sv=2024&sp=r&sig=abc%2Bdef&se=2099 failed", "GET https://a.blob.core.windows.net/c?sv=2024&sp=r&sig=***&se=2099 failed")]
    [InlineData("no secret here: design=1", "no secret here: design=1")]
    public void Redact_OfTextWithSecrets_MasksEveryKeyAndSignature(string text, string expected)
    {
        Assert.Equal(expected, SecretRedaction.Redact(text));
    }

    private static void AssertNoSecret(string where, string text)
    {
        Assert.False(text.Contains(StorageEndpoint.DevelopmentAccountKey, StringComparison.Ordinal), $"{where} holds the account key");
        Assert.False(text.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase), $"{where} holds 'AccountKey='");
        Assert.False(text.Contains("sig=", StringComparison.OrdinalIgnoreCase), $"{where} holds 'sig='");
        Assert.False(text.Contains(SasSignature, StringComparison.Ordinal), $"{where} holds the SAS signature");
    }

    private string TinySpec() => Cli.TinySpec.Write(_folder);
}

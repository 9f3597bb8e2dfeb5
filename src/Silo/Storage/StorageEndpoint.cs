namespace CapacityGrid.Silo.Storage;

/// <summary>The parts of an Azure Storage connection string that decide whether Azurite should be started.</summary>
public sealed record StorageEndpoint(Uri Blob, Uri? Queue, Uri? Table)
{
    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>True when the blob endpoint is on this machine (so Azurite may be started for it).</summary>
    public bool IsLoopback => Blob.IsLoopback;

    /// <summary>Reads the endpoints of a connection string; <c>UseDevelopmentStorage=true</c> means ports 10000-10002.</summary>
    /// <exception cref="FormatException">The string is not an Azure Storage connection string.</exception>
    public static StorageEndpoint Parse(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return ForAzurite(10000, 10001, 10002);
        }
        if (parts.TryGetValue("BlobEndpoint", out var blob) && Uri.TryCreate(blob, UriKind.Absolute, out var blobUri))
        {
            return new StorageEndpoint(blobUri, Endpoint(parts, "QueueEndpoint"), Endpoint(parts, "TableEndpoint"));
        }
        if (parts.TryGetValue("AccountName", out var account))
        {
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            return new StorageEndpoint(new Uri($"https://{account}.blob.{suffix}"), new Uri($"https://{account}.queue.{suffix}"), new Uri($"https://{account}.table.{suffix}"));
        }
        // Say what is wrong without echoing the string: it may hold an account key.
        throw new FormatException("the storage connection string has neither UseDevelopmentStorage, BlobEndpoint nor AccountName");
    }

    /// <summary>Endpoints of an Azurite on 127.0.0.1 with the given ports.</summary>
    public static StorageEndpoint ForAzurite(int blobPort, int queuePort, int tablePort) => new(
        new Uri($"http://127.0.0.1:{blobPort}/devstoreaccount1"),
        new Uri($"http://127.0.0.1:{queuePort}/devstoreaccount1"),
        new Uri($"http://127.0.0.1:{tablePort}/devstoreaccount1"));

    /// <summary>A connection string for an Azurite on 127.0.0.1 with the given ports.</summary>
    public static string AzuriteConnectionString(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    private static Uri? Endpoint(Dictionary<string, string> parts, string key) =>
        parts.TryGetValue(key, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}

namespace CapacityGrid.Grains.Storage;

/// <summary>Where grain state and checkpoints live. Section <c>Storage</c>.</summary>
public sealed class GridStorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>
    /// An Azure Storage connection string. The default, <c>UseDevelopmentStorage=true</c>, is Azurite on
    /// 127.0.0.1 ports 10000-10002.
    /// </summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// Retries of a failed storage request, with exponential backoff up to <see cref="MaxRetryDelay"/>: the
    /// defaults ride out about a minute of unreachable storage before a point's run fails (and is retried).
    /// </summary>
    public int MaxRetries { get; set; } = 8;

    /// <summary>The longest wait between two retries of a storage request.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}

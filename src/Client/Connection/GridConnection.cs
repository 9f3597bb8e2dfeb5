using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CapacityGrid.Client.Connection;

/// <summary>The CLI's way into the grid: grain references, and whatever must be stopped afterwards.</summary>
public sealed class GridConnection : IAsyncDisposable
{
    private readonly Func<ValueTask> _dispose;

    private GridConnection(IGrainFactory grains, bool embedded, Func<ValueTask> dispose)
    {
        Grains = grains;
        Embedded = embedded;
        _dispose = dispose;
    }

    /// <summary>Grain references.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>True when the silo runs in this process (and stops with it).</summary>
    public bool Embedded { get; }

    /// <summary>Connects to the cluster the options name, or starts the embedded silo (and Azurite if needed).</summary>
    /// <exception cref="ClusterUnavailableException">The cluster cannot be reached.</exception>
    /// <exception cref="Silo.Storage.AzuriteUnavailableException">Local storage is needed but cannot be started.</exception>
    public static async Task<GridConnection> OpenAsync(ConnectionOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        if (options.Cluster is null)
        {
            var embedded = await EmbeddedCluster.StartAsync(
                new EmbeddedOptions(options.Storage, options.DataFolder, options.Slots, options.Verbose), progress, cancellationToken);
            return new GridConnection(embedded.Grains, embedded: true, embedded.DisposeAsync);
        }
        var host = await RemoteCluster.ConnectAsync(options, cancellationToken);
        return new GridConnection(host.Services.GetRequiredService<IClusterClient>(), embedded: false, async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token);
            host.Dispose();
        });
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dispose();
}

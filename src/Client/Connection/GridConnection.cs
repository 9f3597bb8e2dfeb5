using System.Diagnostics;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CapacityGrid.Client.Connection;

/// <summary>The CLI's way into the grid: grain references, and whatever must be stopped afterwards.</summary>
public sealed class GridConnection : IAsyncDisposable
{
    private static readonly TimeSpan OwnerStartPatience = TimeSpan.FromMinutes(2);
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

    /// <summary>The other capgrid process whose embedded silo serves this connection, if any.</summary>
    public EmbeddedSiloOwner? ServedBy { get; private init; }

    /// <summary>
    /// Why the silo will not answer again (the process in <see cref="ServedBy"/> has ended), or null while it may.
    /// </summary>
    public string? Gone()
    {
        if (ServedBy is not { } owner)
        {
            return null;
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(owner.ProcessId);
            if (!process.HasExited)
            {
                return null;
            }
        }
        catch (ArgumentException)
        {
            // No such process.
        }
        return $"capgrid process {owner.ProcessId}, whose embedded silo served this command, has ended; experiments it ran stopped with it ('capgrid resume <id>' continues one)";
    }

    /// <summary>
    /// Connects to the cluster the options name; without one, to the embedded silo another capgrid process runs on the
    /// same storage (when <paramref name="use"/> allows), or else starts the embedded silo here (and Azurite if needed).
    /// With <paramref name="experiment"/>, a silo is started only if storage holds that experiment.
    /// </summary>
    /// <exception cref="ClusterUnavailableException">The cluster cannot be reached, or another process's embedded silo serves the storage and <paramref name="use"/> is <see cref="EmbeddedSiloUse.OwnOnly"/>.</exception>
    /// <exception cref="AzuriteUnavailableException">Local storage is needed but cannot be started.</exception>
    /// <exception cref="ExperimentNotStoredException">Storage holds no experiment <paramref name="experiment"/>.</exception>
    public static async Task<GridConnection> OpenAsync(
        ConnectionOptions options, Action<string> progress, CancellationToken cancellationToken,
        EmbeddedSiloUse use = EmbeddedSiloUse.ShareRunning, string? experiment = null)
    {
        if (options.Cluster is not null)
        {
            var remote = await RemoteCluster.ConnectAsync(options, cancellationToken);
            return Client(remote, TimeSpan.FromSeconds(10));
        }
        var waiting = Stopwatch.StartNew();
        var announced = false;
        while (true)
        {
            if (EmbeddedSiloLock.TryAcquire(options.Storage) is { } held)
            {
                return await StartHereAsync(options, held, progress, experiment, cancellationToken);
            }
            var owner = EmbeddedSiloLock.ReadOwner(options.Storage);
            if (use == EmbeddedSiloUse.OwnOnly)
            {
                var who = owner is null ? "another capgrid process" : $"capgrid process {owner.ProcessId}";
                throw new ClusterUnavailableException(
                    $"{who} runs an embedded silo on this storage, and a second silo would compete with it for the same experiments; " +
                    "wait for it to end (status, watch, cancel and list work beside it), or run both on a cluster (capgrid silo, then --cluster local)");
            }
            if (owner is not null)
            {
                progress($"using the embedded silo of capgrid process {owner.ProcessId}, which serves this storage");
                var client = Client(await EmbeddedSiloClient.ConnectAsync(owner, options.Verbose, cancellationToken), TimeSpan.FromSeconds(5));
                return new GridConnection(client.Grains, embedded: false, client._dispose) { ServedBy = owner };
            }
            // The holder is still starting Azurite and its silo: its gateway is published once it listens.
            if (waiting.Elapsed > OwnerStartPatience)
            {
                throw new ClusterUnavailableException(
                    $"another capgrid process holds this storage's embedded-silo lock ({EmbeddedSiloLock.Folder}) but published no gateway within {OwnerStartPatience.TotalMinutes:0} min; stop that process and try again");
            }
            if (!announced)
            {
                progress("waiting for the embedded silo another capgrid process is starting on this storage");
                announced = true;
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dispose();

    private static async Task<GridConnection> StartHereAsync(ConnectionOptions options, EmbeddedSiloLock held, Action<string> progress, string? experiment, CancellationToken cancellationToken)
    {
        AzuriteLauncher azurite;
        try
        {
            azurite = await AzuriteLauncher.EnsureAsync(options.Storage, Path.Combine(options.DataFolder, "azurite"), progress, cancellationToken);
        }
        catch
        {
            held.Dispose();
            throw;
        }
        try
        {
            await StorageProbe.CheckAsync(azurite.ConnectionString, cancellationToken);
            // A direct read answers an unknown id in about a second; a silo takes several to start.
            if (experiment is not null && !await StoredExperiments.ExistsAsync(azurite.ConnectionString, experiment, cancellationToken))
            {
                throw new ExperimentNotStoredException(experiment);
            }
        }
        catch
        {
            await azurite.DisposeAsync();
            held.Dispose();
            throw;
        }
        var embedded = await EmbeddedCluster.StartAsync(
            new EmbeddedOptions(options.Storage, options.DataFolder, options.Slots, options.Verbose), azurite, held, cancellationToken);
        return new GridConnection(embedded.Grains, embedded: true, embedded.DisposeAsync);
    }

    private static GridConnection Client(IHost host, TimeSpan stopTimeout) =>
        new(host.Services.GetRequiredService<IClusterClient>(), embedded: false, async () =>
        {
            using var timeout = new CancellationTokenSource(stopTimeout);
            await host.StopAsync(timeout.Token);
            host.Dispose();
        });
}

/// <summary>How a command may use an embedded silo that another capgrid process runs on the same storage.</summary>
public enum EmbeddedSiloUse
{
    /// <summary>Connect to it as a client (status, watch, cancel, list, report).</summary>
    ShareRunning,

    /// <summary>Refuse: the command must host the silo itself (run, resume, whose training stops with their process).</summary>
    OwnOnly,
}

using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Storage;
using CapacityGrid.Grains.Training;
using CapacityGrid.ServiceDefaults;
using CapacityGrid.Silo.Hosting;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Client.Connection;

/// <summary>
/// The default when no cluster is configured: Azurite (started if needed) and one silo in this process,
/// on loopback ports chosen at start.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly AzuriteLauncher _azurite;
    private readonly EmbeddedSiloLock _lock;
    private readonly CancellationTokenSource _stopping;

    private EmbeddedCluster(IHost host, AzuriteLauncher azurite, EmbeddedSiloLock siloLock, CancellationTokenSource stopping)
    {
        _host = host;
        _azurite = azurite;
        _lock = siloLock;
        _stopping = stopping;
    }

    /// <summary>Grain references for the in-process silo.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Starts the silo on <paramref name="azurite"/>'s storage (already checked), holding <paramref name="siloLock"/>,
    /// and publishes its gateway there for other capgrid processes. Both are the cluster's to dispose from then on,
    /// also when the start fails.
    /// </summary>
    public static async Task<EmbeddedCluster> StartAsync(EmbeddedOptions options, AzuriteLauncher azurite, EmbeddedSiloLock siloLock, CancellationToken cancellationToken)
    {
        try
        {
            var stopping = new CancellationTokenSource();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{GridStorageOptions.Section}:{nameof(GridStorageOptions.ConnectionString)}"] = azurite.ConnectionString,
                [$"{TrainingSlotOptions.Section}:{nameof(TrainingSlotOptions.Slots)}"] = options.Slots?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }.Where(kv => kv.Value is not null));
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddOneLineConsole(options.Verbose);
            builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Information : LogLevel.Warning);
            if (!options.Verbose)
            {
                // The silo's start-up notes (ServerGC advice) and health notes on a busy machine are noise for a
                // command-line run; --verbose shows them.
                // Once this process stops its silo (Ctrl-C, or the end of the command), Orleans (and the Polly retries of
                // its placement) reports as errors the messages it can no longer deliver and the grains it cannot
                // migrate: the only silo is going away on purpose, and what the grains hold is saved, so that is noise
                // too. One filter decides, so no category rule can outrank it.
                builder.Logging.AddFilter((category, level) => level >= LogLevel.Warning && (
                    category is null || !(category.StartsWith("Orleans", StringComparison.Ordinal) || category.StartsWith("Polly", StringComparison.Ordinal)) ||
                    level >= (stopping.IsCancellationRequested ? LogLevel.Critical : LogLevel.Error)));
            }
            builder.AddCapacityGridTelemetry("capgrid");
            var gateway = AzuriteLauncher.FreePort();
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(AzuriteLauncher.FreePort(), gateway)
                .AddCapacityGrid(builder.Configuration));
            var host = builder.Build();
            await host.StartAsync(cancellationToken);
            siloLock.Publish(gateway);
            return new EmbeddedCluster(host, azurite, siloLock, stopping);
        }
        catch
        {
            await azurite.DisposeAsync();
            siloLock.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            // Ctrl-C promises a stop within 10 s: the silo gets 5 s (trainers stop at their next batch and keep their
            // last checkpoint), Azurite the rest.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
            _stopping.Dispose();
            await _azurite.DisposeAsync();
            // Last: a capgrid process waiting for this storage starts its own silo (and Azurite) only now.
            _lock.Dispose();
        }
    }
}

using CapacityGrid.Grains.Abstractions.Serialization;
using CapacityGrid.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Client.Connection;

/// <summary>An Orleans client of the embedded silo another capgrid process hosts for the same storage (its gateway on loopback).</summary>
public static class EmbeddedSiloClient
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Connects to <paramref name="owner"/>'s gateway and returns the client's host (dispose it to disconnect).</summary>
    /// <exception cref="ClusterUnavailableException">The gateway does not accept the client.</exception>
    public static async Task<IHost> ConnectAsync(EmbeddedSiloOwner owner, bool verbose, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddOneLineConsole(verbose);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Error);
        if (!verbose)
        {
            // A failed connection, or the silo's process ending, is reported in one line by the CLI.
            builder.Logging.AddFilter("Orleans", LogLevel.Critical);
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
        }
        builder.AddCapacityGridTelemetry("capgrid");
        // The embedded silo uses Orleans' localhost clustering, whose cluster and service ids the client's matches.
        builder.UseOrleansClient(client =>
        {
            client.Services.AddMeasureRecords();
            client.UseLocalhostClustering(owner.GatewayPort).AddActivityPropagation();
        });
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var why = e is OperationCanceledException ? $"no answer within {ConnectTimeout.TotalSeconds:0} s" : $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
            throw new ClusterUnavailableException(
                $"capgrid process {owner.ProcessId} serves this storage with its embedded silo, but its gateway (127.0.0.1:{owner.GatewayPort}) does not accept this client ({why}); " +
                "wait for that command to end, or stop it, and try again", e);
        }
    }
}

using Azure.Data.Tables;
using CapacityGrid.Grains.Abstractions.Serialization;
using CapacityGrid.ServiceDefaults;
using CapacityGrid.Silo.Hosting.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CapacityGrid.Client.Connection;

/// <summary>An Orleans client of running silos, found through Azure Table membership in the given storage.</summary>
public static class RemoteCluster
{
    /// <summary>How long connecting may take, by default, before the cluster counts as unreachable.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Connects to the cluster and returns its host (dispose it to disconnect).</summary>
    /// <exception cref="ClusterUnavailableException">No gateway of the cluster answers.</exception>
    public static async Task<IHost> ConnectAsync(ConnectionOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddOneLineConsole(options.Verbose);
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Information : LogLevel.Error);
        if (!options.Verbose)
        {
            // A failed connection is reported in one line by the CLI; Orleans' and the host's own accounts of it
            // (with stack traces) are for --verbose.
            builder.Logging.AddFilter("Orleans", LogLevel.Critical);
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
        }
        builder.AddCapacityGridTelemetry("capgrid");
        var tls = GridTls.Read(builder.Configuration);
        var retries = new RecordingRetryFilter();
        builder.UseOrleansClient(client =>
        {
            client.UseConnectionRetryFilter(retries);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.Cluster!;
                o.ServiceId = options.ServiceId;
            });
            client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.Storage));
            // The gateway list is read from the membership table; a silo that just died stays in it until the others
            // vote it dead. Orleans refreshes the list once a minute by default, so a client started then would keep
            // trying the dead gateway for a minute or more; every 5 s it moves on as soon as the table does.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.Services.AddMeasureRecords();
            client.AddActivityPropagation();
            try
            {
                client.UseGridTls(tls);
            }
            catch (InvalidOperationException e)
            {
                throw new ClusterUnavailableException($"TLS: {e.Message}", e);
            }
        });
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout ?? DefaultConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            if (RecordingRetryFilter.DroppedHandshake(retries.LastFailure) is { } dropped)
            {
                var hint = tls.Enabled
                    ? "check that Tls__CertificatePath is the cluster's certificate and that the silos run with TLS"
                    : "the silos use TLS: set Tls__Enabled=true, Tls__CertificatePath and Tls__CertificatePassword as they have them (docs/operations.md, Security)";
                throw new ClusterUnavailableException($"silos of cluster '{options.Cluster}' answer but drop the connection ({dropped}); {hint}", e);
            }
            var why = e is OperationCanceledException
                ? $"none answered within {(options.ConnectTimeout ?? DefaultConnectTimeout).TotalSeconds:0} s"
                : $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
            throw new ClusterUnavailableException(
                $"no silo of cluster '{options.Cluster}' (service '{options.ServiceId}') answers ({why}); " +
                "start silos (infra/cluster.sh start, or dotnet run --project src/Silo) with the same storage and cluster id", e);
        }
    }
}

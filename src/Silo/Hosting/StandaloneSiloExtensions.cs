using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Storage;
using CapacityGrid.ServiceDefaults;
using CapacityGrid.Silo.Hosting.Membership;
using CapacityGrid.Silo.Hosting.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CapacityGrid.Silo.Hosting;

/// <summary>Wiring of a standalone silo process that joins a cluster through Azure Table membership.</summary>
public static class StandaloneSiloExtensions
{
    /// <summary>Adds telemetry and an Orleans silo configured from the <c>Cluster</c> and <c>Storage</c> sections.</summary>
    public static IHostApplicationBuilder AddCapacityGridSilo(this IHostApplicationBuilder builder)
    {
        builder.AddCapacityGridTelemetry("capgrid-silo");
        var cluster = builder.Configuration.GetSection(GridClusterOptions.Section).Get<GridClusterOptions>() ?? new GridClusterOptions();
        var storage = builder.Configuration.GetSection(GridStorageOptions.Section).Get<GridStorageOptions>() ?? new GridStorageOptions();
        var inPod = !string.IsNullOrEmpty(builder.Configuration["KUBERNETES_SERVICE_HOST"]);
        if (cluster.Membership != "localhost" && cluster.ReclaimDeadMembersOnStart && !inPod)
        {
            // Registered before UseOrleans: hosted services start in order, so the table is cleaned before the silo joins.
            // (In a pod, Kubernetes hosting removes the members of dead pods itself.)
            builder.Services.AddHostedService(sp => new ReclaimDeadMembersService(
                storage.ConnectionString, cluster.ClusterId, sp.GetRequiredService<ILogger<ReclaimDeadMembersService>>()));
        }
        builder.UseOrleans(silo =>
        {
            if (cluster.Membership == "localhost")
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            }
            else
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                if (!IPAddress.TryParse(cluster.AdvertisedAddress, out var address))
                {
                    throw new OptionsValidationException(nameof(GridClusterOptions), typeof(GridClusterOptions),
                        [$"Cluster:AdvertisedAddress '{cluster.AdvertisedAddress}' is not an IP address"]);
                }
                silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
                silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(storage.ConnectionString));
            }
            if (inPod)
            {
                // In a pod: cluster id, silo name and address come from the pod (see infra/k8s); dead pods leave the cluster.
                silo.UseKubernetesHosting();
            }
            silo.AddCapacityGrid(builder.Configuration);
            silo.UseGridTls(GridTls.Read(builder.Configuration));
        });
        return builder;
    }
}

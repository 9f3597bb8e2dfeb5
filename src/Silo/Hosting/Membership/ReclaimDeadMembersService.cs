using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Clustering.AzureStorage;

namespace CapacityGrid.Silo.Hosting.Membership;

/// <summary>
/// Runs <see cref="DeadMemberReclaimer"/> once when the host starts, before the Orleans silo starts (it is registered
/// ahead of it and hosted services start in order), so a silo restarted after the whole cluster died can join.
/// </summary>
public sealed class ReclaimDeadMembersService(string connectionString, string clusterId, ILogger<ReclaimDeadMembersService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(AzureStorageClusteringOptions.DEFAULT_TABLE_NAME);
        try
        {
            await new DeadMemberReclaimer(table, clusterId, logger).ReclaimAsync(cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No membership table yet: the first start of this storage account.
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Silo.Hosting.Membership;

/// <summary>
/// Marks <c>Dead</c> the rows of the Azure Table membership table that claim a live silo (<c>Active</c> or
/// <c>Joining</c>) whose silo endpoint refuses TCP connections on every one of several attempts. After the whole
/// cluster was killed no silo is left to do this, and Orleans 10.4 makes a joining silo ping those members until
/// <c>ClusterMembershipOptions.MaxJoinAttemptTime</c> and then fail. Rows whose endpoint answers, or whose probe only
/// times out (an unreachable host may be alive behind a partition), are never touched.
/// </summary>
public sealed partial class DeadMemberReclaimer(TableClient table, string clusterId, ILogger logger)
{
    private static readonly string[] LiveStatuses = ["Active", "Joining"];

    /// <summary>Connection attempts per endpoint; every one must be refused for the row to be marked dead.</summary>
    public int Attempts { get; init; } = 4;

    /// <summary>Pause between two attempts.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one connection attempt may take before it counts as a timeout (not a refusal).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Probes every live-looking row of the cluster at once and marks the refused ones dead. Returns their row keys.</summary>
    public async Task<IReadOnlyList<string>> ReclaimAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == clusterId, cancellationToken: cancellationToken))
        {
            if (LiveStatuses.Contains(row.GetString("Status")) && Endpoint(row) is not null)
            {
                rows.Add(row);
            }
        }
        var dead = await Task.WhenAll(rows.Select(async row => (row, refused: await RefusesAsync(Endpoint(row)!, cancellationToken))));
        var reclaimed = new List<string>();
        foreach (var (row, _) in dead.Where(d => d.refused))
        {
            if (await MarkDeadAsync(row, cancellationToken))
            {
                reclaimed.Add(row.RowKey);
            }
        }
        return reclaimed;
    }

    private static IPEndPoint? Endpoint(TableEntity row)
        => IPAddress.TryParse(row.GetString("Address"), out var address) && int.TryParse(row.GetString("Port"), out var port) && port is > 0 and < 65536
            ? new IPEndPoint(address, port)
            : null;

    // True only if every attempt is refused: one answer, a timeout or any other error means "maybe alive".
    private async Task<bool> RefusesAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(Interval, cancellationToken);
            }
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            try
            {
                await socket.ConnectAsync(endpoint, timeout.Token);
                return false;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // Nothing listens there now: try again, a silo may be about to bind.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (SocketException)
            {
                return false;
            }
        }
        return true;
    }

    private async Task<bool> MarkDeadAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var update = new TableEntity(row.PartitionKey, row.RowKey) { ["Status"] = "Dead" };
        try
        {
            // The ETag read with the row: if the silo (or anyone) wrote it since, the update fails and the row stays.
            await table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
            LogReclaimed(logger, row.GetString("SiloName") ?? "", row.RowKey, row.GetString("Status") ?? "", clusterId);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            LogChanged(logger, row.RowKey);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Silo {SiloName} ({Silo}) was {Status} in the membership table of cluster {ClusterId} but its endpoint refuses connections: marked Dead")]
    private static partial void LogReclaimed(ILogger logger, string siloName, string silo, string status, string clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Membership row {Silo} changed while probing its endpoint: left as it is")]
    private static partial void LogChanged(ILogger logger, string silo);
}

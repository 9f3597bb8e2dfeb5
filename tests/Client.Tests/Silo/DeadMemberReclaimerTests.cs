using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using CapacityGrid.Silo.Hosting.Membership;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Client.Tests.Silo;

/// <summary>The pre-start reclaim step against a real Azurite table, with rows laid out as Orleans' Azure membership writes them.</summary>
public sealed class DeadMemberReclaimerTests(MembershipTableFixture fixture) : IClassFixture<MembershipTableFixture>
{
    private readonly TableClient _table = fixture.Table;

    [Fact]
    public async Task ReclaimAsync_WhenOneEndpointRefusesAndOneListens_MarksOnlyTheRefusedRowDead()
    {
        using var live = new TcpListener(IPAddress.Loopback, 0);
        live.Start();
        var livePort = ((IPEndPoint)live.LocalEndpoint).Port;
        var deadPort = AzuriteLauncher.FreePort();
        await AddRowAsync("c1", deadPort, "Active", "silo-dead");
        await AddRowAsync("c1", livePort, "Active", "silo-live");
        await AddRowAsync("c1", AzuriteLauncher.FreePort(), "Joining", "silo-dead-joining");
        await AddRowAsync("other", deadPort, "Active", "silo-other-cluster");
        await _table.AddEntityAsync(new TableEntity("c1", "VersionRow") { ["MembershipVersion"] = "3" }, TestContext.Current.CancellationToken);
        var logger = new WarningLog();

        var reclaimed = await new DeadMemberReclaimer(_table, "c1", logger) { Interval = TimeSpan.FromMilliseconds(200) }
            .ReclaimAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, reclaimed.Count);
        Assert.Equal("Dead", await StatusAsync("c1", deadPort));
        Assert.Equal("Active", await StatusAsync("c1", livePort));
        Assert.Equal("Active", await StatusAsync("other", deadPort));
        Assert.Contains(logger.Warnings, w => w.Contains("silo-dead", StringComparison.Ordinal) && w.Contains($"127.0.0.1-{deadPort}-", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Warnings, w => w.Contains("silo-live", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReclaimAsync_WhenTheRowChangesWhileProbing_LeavesIt()
    {
        var deadPort = AzuriteLauncher.FreePort();
        await AddRowAsync("c2", deadPort, "Active", "silo-restarting");
        var reclaimer = new DeadMemberReclaimer(_table, "c2", new WarningLog()) { Attempts = 5, Interval = TimeSpan.FromSeconds(1) };

        var reclaiming = reclaimer.ReclaimAsync(TestContext.Current.CancellationToken);
        // The silo writes its row (an IAmAlive) while the reclaimer probes (5 refusals take 4 s; the rows are read at
        // once): the stale ETag must keep the update out.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var row = (await _table.GetEntityAsync<TableEntity>("c2", RowKey(deadPort), cancellationToken: TestContext.Current.CancellationToken)).Value;
        row["IAmAliveTime"] = DateTime.UtcNow.ToString("O");
        await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, TestContext.Current.CancellationToken);
        var reclaimed = await reclaiming;

        Assert.Empty(reclaimed);
        Assert.Equal("Active", await StatusAsync("c2", deadPort));
    }

    private static string RowKey(int port) => $"127.0.0.1-{port}-123456789";

    private async Task AddRowAsync(string cluster, int port, string status, string name)
        => await _table.AddEntityAsync(new TableEntity(cluster, RowKey(port))
        {
            ["DeploymentId"] = cluster,
            ["Address"] = "127.0.0.1",
            ["Port"] = $"{port}",
            ["Generation"] = "123456789",
            ["HostName"] = "localhost",
            ["Status"] = status,
            ["SiloName"] = name,
        }, TestContext.Current.CancellationToken);

    private async Task<string?> StatusAsync(string cluster, int port)
        => (await _table.GetEntityAsync<TableEntity>(cluster, RowKey(port), cancellationToken: TestContext.Current.CancellationToken)).Value.GetString("Status");

    // Keeps the warnings the reclaimer logs.
    private sealed class WarningLog : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (Warnings)
                {
                    Warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}

using CapacityGrid.Grains.Storage;
using CapacityGrid.Grains.Tests.Fixtures;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Grains.Tests.Storage;

public sealed class StorageRetryWarningTests
{
    [Fact]
    public async Task Blobs_WhenStorageDoesNotAnswer_WarnOnEveryRetryNamingTheEndpoint()
    {
        var port = AzuriteLauncher.FreePort();
        var storage = new GridStorageOptions
        {
            ConnectionString = StorageEndpoint.AzuriteConnectionString(port, AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort()),
            MaxRetries = 2,
            MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        };
        var log = new ListLogger();

        var blobs = StorageServiceExtensions.Blobs(storage, log);
        await Assert.ThrowsAnyAsync<Exception>(() => blobs.GetBlobContainerClient("nothing-here").ExistsAsync(TestContext.Current.CancellationToken));

        var warnings = log.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains($"127.0.0.1:{port}", w.Message));
        Assert.Contains("retry 2", warnings[^1].Message);
    }
}

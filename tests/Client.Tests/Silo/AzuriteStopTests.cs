using Azure.Storage.Blobs;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Silo;

/// <summary>Stopping the Azurite a launcher started: at once once its services have saved, and without losing a write.</summary>
public sealed class AzuriteStopTests
{
    [Fact]
    public void TheShutdownWatch_CompletesOnlyOnceBlobQueueAndTableHaveEachClosed()
    {
        var watch = new AzuriteShutdownWatch();
        watch.Observe("Azurite Blob service is closing...");
        watch.Observe("Azurite Blob service successfully closed");
        watch.Observe("Azurite Blob service successfully closed");
        watch.Observe("Azurite Queue service successfully closed");
        Assert.False(watch.AllClosed.IsCompleted);

        watch.Observe("Azurite Table service successfully closed");

        Assert.True(watch.AllClosed.IsCompleted);
    }

    [Fact]
    public void TheShutdownWatch_IgnoresAFailedClose()
    {
        var watch = new AzuriteShutdownWatch();
        watch.Observe("Azurite Blob service successfully closed");
        watch.Observe("Azurite Queue service successfully closed");
        watch.Observe("Shutdown close failed in status Running: boom");

        Assert.False(watch.AllClosed.IsCompleted);
    }

    [Fact]
    public async Task ABlobWrittenJustBeforeTheStop_IsReadBackByTheNextAzuriteOnTheSameFolder()
    {
        var cancel = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("capgrid-azurite-stop-").FullName;
        try
        {
            var data = Path.Combine(folder, "azurite");
            var first = await AzuriteLauncher.StartOnFreePortsAsync(data, cancellationToken: cancel);
            var blobUri = StorageEndpoint.Parse(first.ConnectionString).Blob;
            // The client keeps its keep-alive connection open while Azurite stops, which is what used to hold it up.
            var container = new BlobServiceClient(first.ConnectionString).GetBlobContainerClient("stop-test");
            await container.CreateIfNotExistsAsync(cancellationToken: cancel);
            await container.GetBlobClient("last-write").UploadAsync(BinaryData.FromString("saved"), cancel);

            await first.DisposeAsync();

            Assert.False(await AzuriteLauncher.AnswersAsync(blobUri, cancel));
            await using var second = await AzuriteLauncher.StartOnFreePortsAsync(data, cancellationToken: cancel);
            var read = await new BlobServiceClient(second.ConnectionString).GetBlobContainerClient("stop-test")
                .GetBlobClient("last-write").DownloadContentAsync(cancel);
            Assert.Equal("saved", read.Value.Content.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

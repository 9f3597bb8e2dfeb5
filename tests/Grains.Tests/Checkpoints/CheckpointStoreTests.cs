using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CapacityGrid.Grains.Checkpoints;
using CapacityGrid.Grains.Storage;
using CapacityGrid.Grains.Tests.Fixtures;

namespace CapacityGrid.Grains.Tests.Checkpoints;

[Collection(GridCollection.Name)]
public sealed class CheckpointStoreTests(GridClusterFixture fixture)
{
    private readonly string _experiment = $"ckpt-{Guid.NewGuid():N}"[..20];
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteThenRead_AgainstAzurite_ReturnsTheSamePayload()
    {
        var payload = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();

        var blob = await fixture.Checkpoints.WriteAsync(_experiment, "p1", 3, payload, Cancel);
        var read = await fixture.Checkpoints.ReadAsync(_experiment, blob, Cancel);

        Assert.Equal("points/p1/epoch-0003.ckpt", blob);
        Assert.Equal(payload, read);
        Assert.Equal([blob], await fixture.Checkpoints.ListAsync(_experiment, "p1", Cancel));
    }

    [Fact]
    public async Task Read_WhenThePayloadWasTampered_IsRefusedNamingTheBlob()
    {
        var blob = await fixture.Checkpoints.WriteAsync(_experiment, "p2", 1, [1, 2, 3, 4], Cancel);
        var client = Blob(blob);
        var metadata = (await client.GetPropertiesAsync(cancellationToken: Cancel)).Value.Metadata;
        await client.UploadAsync(new BinaryData(new byte[] { 1, 2, 3, 5 }), new BlobUploadOptions { Metadata = metadata }, Cancel);

        var e = await Assert.ThrowsAsync<CheckpointCorruptException>(() => fixture.Checkpoints.ReadAsync(_experiment, blob, Cancel));

        Assert.Contains(blob, e.Message);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public async Task Read_OfABlobThatIsNotOurs_IsRefused()
    {
        await fixture.Checkpoints.WriteAsync(_experiment, "p3", 1, [9], Cancel);
        await Blob("points/p3/foreign.ckpt").UploadAsync(new BinaryData(new byte[] { 9 }), Cancel);

        var e = await Assert.ThrowsAsync<CheckpointCorruptException>(() => fixture.Checkpoints.ReadAsync(_experiment, "points/p3/foreign.ckpt", Cancel));

        Assert.Contains("not a CapacityGrid checkpoint", e.Message);
    }

    [Fact]
    public async Task ReadNewestIntact_WhenTheNewestWasTampered_FallsBackToThePreviousNamingTheSkippedBlob()
    {
        var blobs = new List<string>();
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            blobs.Insert(0, await fixture.Checkpoints.WriteAsync(_experiment, "p4", epoch, [(byte)epoch, 7], Cancel));
        }
        await Tamper(blobs[0]);
        var skipped = new List<(string Blob, string Problem)>();

        var read = await fixture.Checkpoints.ReadNewestIntactAsync(_experiment, blobs, (b, p) => skipped.Add((b, p)), Cancel);

        Assert.NotNull(read);
        Assert.Equal(1, read.Value.Index);
        Assert.Equal(new byte[] { 2, 7 }, read.Value.Payload);
        var (blob, problem) = Assert.Single(skipped);
        Assert.Equal("points/p4/epoch-0003.ckpt", blob);
        Assert.Contains("SHA-256", problem);
    }

    [Fact]
    public async Task ReadNewestIntact_WhenEveryCheckpointIsTamperedOrMissing_ReturnsNullAfterSkippingEach()
    {
        var first = await fixture.Checkpoints.WriteAsync(_experiment, "p5", 1, [1], Cancel);
        await Tamper(first);
        var skipped = new List<string>();

        var read = await fixture.Checkpoints.ReadNewestIntactAsync(
            _experiment, ["points/p5/epoch-0002.ckpt", first], (b, _) => skipped.Add(b), Cancel);

        Assert.Null(read);
        Assert.Equal(["points/p5/epoch-0002.ckpt", first], skipped);
    }

    [Fact]
    public async Task Read_OfAMissingCheckpoint_ReturnsNull()
    {
        Assert.Null(await fixture.Checkpoints.ReadAsync(_experiment, "points/none/epoch-0001.ckpt", Cancel));
    }

    // Flips the payload's last byte and keeps the metadata, so the stored hash no longer matches.
    private async Task Tamper(string name)
    {
        var client = Blob(name);
        var metadata = (await client.GetPropertiesAsync(cancellationToken: Cancel)).Value.Metadata;
        var payload = (await client.DownloadContentAsync(Cancel)).Value.Content.ToArray();
        payload[^1] ^= 0xFF;
        await client.UploadAsync(new BinaryData(payload), new BlobUploadOptions { Metadata = metadata }, Cancel);
    }

    private BlobClient Blob(string name) =>
        new BlobServiceClient(fixture.ConnectionString).GetBlobContainerClient(StorageNames.CheckpointContainer(_experiment)).GetBlobClient(name);
}

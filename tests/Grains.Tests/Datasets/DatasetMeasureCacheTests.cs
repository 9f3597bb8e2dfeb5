using CapacityGrid.Grains.Hosting;
using Azure.Storage.Blobs;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace CapacityGrid.Grains.Tests.Datasets;

[Collection(GridCollection.Name)]
public sealed class DatasetMeasureCacheTests(GridClusterFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-measure-cache-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TryGet_AfterAFailedComputation_ReportsTheErrorOnceThenComputesAgainOnceTheDataIsThere()
    {
        var path = Path.Combine(_folder, "late.csv");
        var spec = new DatasetSpec("csv", path);
        var cache = new DatasetMeasureCache(new BlobServiceClient(fixture.ConnectionString), new NativeWork(), NullLogger<DatasetMeasureCache>.Instance);

        var failed = await WaitForAsync(cache, spec);
        File.WriteAllLines(path, ["a,b,y", .. Enumerable.Range(0, 40).Select(i => $"{i % 7},{i % 5},{(i % 3 == 0 ? "p" : "q")}")]);
        var measured = await WaitForAsync(cache, spec);

        Assert.Null(failed.Measures);
        Assert.Contains(path, failed.Error);
        Assert.Null(measured.Error);
        Assert.Equal(40, measured.Measures?.Samples);
        Assert.Equal(measured, cache.TryGet(spec));
    }

    private static Task<DatasetMeasurement> WaitForAsync(DatasetMeasureCache cache, DatasetSpec spec) =>
        Eventually.NotNullAsync(() => Task.FromResult(cache.TryGet(spec)), TimeSpan.FromMinutes(1), "the dataset's measures");
}

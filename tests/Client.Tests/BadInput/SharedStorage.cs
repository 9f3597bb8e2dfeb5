using Azure.Storage.Blobs;
using CapacityGrid.Client.Tests.Cli;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.BadInput;

/// <summary>One Azurite for the bad-input cases that reach storage, holding a finished experiment <c>existing</c>.</summary>
public sealed class SharedStorage : IAsyncLifetime
{
    /// <summary>The id of the experiment the storage holds.</summary>
    public const string ExistingId = "existing";

    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-bad-storage-").FullName;
    private AzuriteLauncher? _azurite;

    /// <summary>The connection string of the Azurite.</summary>
    public string ConnectionString => _azurite!.ConnectionString;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"));
        var spec = Path.Combine(_folder, "existing.json");
        File.WriteAllText(spec, """
            { "name": "existing",
              "dataset": { "kind": "teacher", "inputDim": 4, "teacherHidden": [4], "classes": 2, "samples": 300, "seed": 1 },
              "grid": { "widths": [2], "depths": [1], "seeds": [1] },
              "training": { "epochs": 2 },
              "measures": { "saturationEveryEpoch": false } }
            """);
        var run = await CliRun.InvokeAsync("run", spec, "--id", ExistingId, "--out", Path.Combine(_folder, "out"), "--storage", ConnectionString);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"seeding the experiment failed ({run.ExitCode}): {run.Error}");
        }
    }

    /// <summary>Every blob in storage with its ETag, to show that nothing was created, changed or lost.</summary>
    public async Task<SortedDictionary<string, string>> SnapshotAsync()
    {
        var blobs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var service = new BlobServiceClient(ConnectionString);
        await foreach (var container in service.GetBlobContainersAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            blobs[container.Name + "/"] = "";
            await foreach (var blob in service.GetBlobContainerClient(container.Name).GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
            {
                blobs[$"{container.Name}/{blob.Name}"] = blob.Properties.ETag?.ToString() ?? "";
            }
        }
        return blobs;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _azurite!.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

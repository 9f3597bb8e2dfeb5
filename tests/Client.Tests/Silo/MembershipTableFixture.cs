using Azure.Data.Tables;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Silo;

/// <summary>One Azurite with an empty <c>OrleansSiloInstances</c> table; each test uses its own cluster id (partition).</summary>
public sealed class MembershipTableFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-reclaim-").FullName;
    private AzuriteLauncher? _azurite;

    /// <summary>Orleans' Azure membership table.</summary>
    public TableClient Table { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(_folder, "azurite"));
        Table = new TableServiceClient(_azurite.ConnectionString).GetTableClient("OrleansSiloInstances");
        await Table.CreateIfNotExistsAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }
}

using Azure.Storage.Blobs;
using CapacityGrid.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace CapacityGrid.Silo.Hosting;

/// <summary>What every CapacityGrid silo adds, embedded or standalone.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Grain state in Azure Blob Storage, the grains' services, and trace propagation.</summary>
    public static ISiloBuilder AddCapacityGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = configuration.GetSection(GridStorageOptions.Section).Get<GridStorageOptions>() ?? new GridStorageOptions();
        silo.AddAzureBlobGrainStorage(StorageNames.GrainState, options =>
            options.BlobServiceClient = new BlobServiceClient(storage.ConnectionString));
        silo.Services.AddCapacityGridGrainServices(configuration);
        silo.AddActivityPropagation();
        return silo;
    }
}

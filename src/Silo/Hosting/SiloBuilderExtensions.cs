using Azure.Storage.Blobs;
using CapacityGrid.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Silo.Hosting;

/// <summary>What every CapacityGrid silo adds, embedded or standalone.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Grain state in Azure Blob Storage, the grains' services, and trace propagation.</summary>
    public static ISiloBuilder AddCapacityGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddAzureBlobGrainStorage(StorageNames.GrainState, options => options
            .Configure<BlobServiceClient>((o, blobs) => o.BlobServiceClient = blobs));
        silo.Services.AddCapacityGridGrainServices(configuration);
        silo.AddActivityPropagation();
        return silo;
    }
}

using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CapacityGrid.Grains.Abstractions.Serialization;
using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Placement;
using CapacityGrid.Grains.Storage;
using CapacityGrid.Grains.Training;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Silo.Hosting;

/// <summary>What every CapacityGrid silo adds, embedded or standalone.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Grain state in Azure Blob Storage, reminders in Azure Table Storage (they bring experiments back
    /// after a silo or the whole cluster restarts), the grains' services, and trace propagation.
    /// </summary>
    public static ISiloBuilder AddCapacityGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = configuration.GetSection(GridStorageOptions.Section).Get<GridStorageOptions>() ?? new GridStorageOptions();
        silo.AddAzureBlobGrainStorage(StorageNames.GrainState, options => options
            .Configure<BlobServiceClient>((o, blobs) => o.BlobServiceClient = blobs));
        silo.UseAzureTableReminderService(options => options.TableServiceClient = new TableServiceClient(storage.ConnectionString));
        var training = configuration.GetSection(TrainingSlotOptions.Section).Get<TrainingSlotOptions>() ?? new TrainingSlotOptions();
        silo.UseSiloMetadata(new Dictionary<string, string>
        {
            [SiloCapabilities.AcceleratorKey] = training.Accelerator,
            [SiloCapabilities.SlotsKey] = $"{training.Slots}",
        });
        silo.Services.AddPlacementDirector<TrainingPlacementStrategy, TrainingPlacementDirector>();
        silo.Services.AddCapacityGridGrainServices(configuration);
        silo.Services.AddMeasureRecords();
        silo.AddActivityPropagation();
        return silo;
    }
}

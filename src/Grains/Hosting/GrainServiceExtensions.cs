using CapacityGrid.Grains.Checkpoints;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Sizing;
using CapacityGrid.Grains.Storage;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityGrid.Grains.Hosting;

/// <summary>Registers what the grains depend on, feature by feature: storage, training, checkpoints, datasets, sizing and native work.</summary>
public static class GrainServiceExtensions
{
    /// <summary>Adds the grains' services, bound to the <c>Storage</c> and <c>Training</c> sections.</summary>
    public static IServiceCollection AddCapacityGridGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGridStorage(configuration);
        services.AddGridTraining(configuration);
        services.AddSingleton<CheckpointStore>();
        services.AddSingleton<DatasetCache>();
        services.AddSingleton<DatasetMeasureCache>();
        services.AddSingleton<NativeWork>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, NativeWorkShutdown>();
        services.AddSingleton<GridSizeCheck>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}

using Azure.Storage.Blobs;
using CapacityGrid.Grains.Checkpoints;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Placement;
using CapacityGrid.Grains.Sizing;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Hosting;

/// <summary>Registers what the grains depend on: storage clients, the dataset cache, the training runner and its engine (TorchSharp unless one was registered before).</summary>
public static class GrainServiceExtensions
{
    /// <summary>Adds the grains' services, bound to the <c>Storage</c> and <c>Training</c> sections.</summary>
    public static IServiceCollection AddCapacityGridGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GridStorageOptions>().Bind(configuration.GetSection(GridStorageOptions.Section));
        services.AddOptions<TrainingSlotOptions>().Bind(configuration.GetSection(TrainingSlotOptions.Section))
            .Validate(o => o.Slots >= 1, "Training:Slots must be at least 1")
            .Validate(o => o.TorchThreads >= 0, "Training:TorchThreads must be zero (torch's default) or positive")
            .Validate(o => o.PointsInFlight >= 1, "Training:PointsInFlight must be at least 1")
            .Validate(o => o.MaxBatchedPoints >= 1, "Training:MaxBatchedPoints must be at least 1 (1 turns batching off)")
            .Validate(o => o.MaxAttempts >= 1, "Training:MaxAttempts must be at least 1")
            .Validate(o => o.RetryDelay >= TimeSpan.Zero, "Training:RetryDelay must not be negative")
            .Validate(o => AcceleratorKinds.TryParse(o.Accelerator, out _), "Training:Accelerator must be cpu or gpu")
            .Validate(o => o.LivenessCheck >= TimeSpan.FromSeconds(1), "Training:LivenessCheck must be at least 1 second")
            .Validate(o => o.SlotMemory is null or { Bytes: > 0 }, "Training:SlotMemory must be a positive size (e.g. 4GiB)")
            .Validate(o => o.MultiplyAddsPerSecond is null or > 0, "Training:MultiplyAddsPerSecond must be positive")
            .ValidateOnStart();
        services.AddOptions<FinalProbeOptions>().Bind(configuration.GetSection(FinalProbeOptions.Section))
            .Validate(o => o.SaturationSamples >= 1, "Training:FinalProbe:SaturationSamples must be at least 1")
            .Validate(o => o.InformationSamples >= 3, "Training:FinalProbe:InformationSamples must be at least 3")
            .Validate(o => o.RenyiSamples >= 2, "Training:FinalProbe:RenyiSamples must be at least 2")
            .ValidateOnStart();
        services.AddSingleton(sp => Blobs(
            sp.GetRequiredService<IOptions<GridStorageOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<StorageRetryWarningPolicy>()));
        services.AddSingleton<CheckpointStore>();
        services.AddSingleton<DatasetCache>();
        services.AddSingleton<DatasetMeasureCache>();
        services.AddSingleton<NativeWork>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, NativeWorkShutdown>();
        services.AddSingleton<GridSizeCheck>();
        services.TryAddSingleton<ITrainingEngine, TorchTrainingEngine>();
        services.AddSingleton<TrainingRunner>();
        services.AddSingleton<SlotPool>();
        services.AddSingleton<BatchBoard>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>The blob client of the grid's storage, retrying failed requests as the options say and logging each retry to <paramref name="logger"/>.</summary>
    public static BlobServiceClient Blobs(GridStorageOptions storage, ILogger logger)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(new StorageRetryWarningPolicy(logger), Azure.Core.HttpPipelinePosition.PerRetry);
        options.Retry.Mode = Azure.Core.RetryMode.Exponential;
        options.Retry.MaxRetries = storage.MaxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = storage.MaxRetryDelay;
        return new BlobServiceClient(storage.ConnectionString, options);
    }
}

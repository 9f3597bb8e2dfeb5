using CapacityGrid.Grains.Placement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CapacityGrid.Grains.Training;

/// <summary>Wires training on a silo: the <c>Training</c> section, its slots, batching and the engine (TorchSharp unless one was registered before).</summary>
public static class TrainingServiceExtensions
{
    /// <summary>Binds and validates <see cref="TrainingSlotOptions"/> and <see cref="FinalProbeOptions"/> at start, and adds the runner, slots and engine.</summary>
    public static IServiceCollection AddGridTraining(this IServiceCollection services, IConfiguration configuration)
    {
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
        services.TryAddSingleton<ITrainingEngine, TorchTrainingEngine>();
        services.AddSingleton<TrainingRunner>();
        services.AddSingleton<SlotPool>();
        services.AddSingleton<BatchBoard>();
        return services;
    }
}

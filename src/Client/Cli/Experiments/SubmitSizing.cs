using CapacityGrid.Client.Connection;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Sizing;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.Configuration;

namespace CapacityGrid.Client.Cli.Experiments;

/// <summary>
/// The CLI's sizing of a spec before anything starts: the embedded silo's limits are this process's (the
/// <c>Training__*</c> environment variables it reads, and <c>--slots</c>); a cluster's silos check memory themselves.
/// </summary>
public static class SubmitSizing
{
    /// <summary>
    /// The run's size and the warnings to print; throws a <see cref="SpecException"/> for a point that can never train.
    /// <paramref name="fileShape"/> is the shape of file data read on this machine (null: not read here).
    /// </summary>
    public static (RunSize Size, IReadOnlyList<string> Warnings) Check(ExperimentSpec spec, DataShape? fileShape, ConnectionOptions connection)
    {
        var options = LocalOptions(connection.Slots);
        if ((DataShape.FromSpec(spec.Dataset) ?? fileShape) is not { } shape)
        {
            return (new RunSize(GridPlanner.Expand(spec).Count, spec.Training.Epochs, null, null, options.Slots, null), []);
        }
        var estimate = GridEstimate.Of(spec, shape);
        if (connection.Cluster is not null)
        {
            // The silos' memory and rate are theirs, not this machine's: only the parameter limit is checked here.
            return (RunSize.Of(estimate, null, options.Slots), SizeLimits.Check(estimate, new ByteSize(long.MaxValue), "the cluster's silos"));
        }
        return (RunSize.Of(estimate, options.MultiplyAddsPerSecond, options.Slots), SizeLimits.Check(estimate, options.SlotMemoryLimit(), options.SlotMemorySource()));
    }

    // The Training section as the embedded silo will bind it from the environment, with --slots over it.
    private static TrainingSlotOptions LocalOptions(int? slots)
    {
        TrainingSlotOptions options;
        try
        {
            options = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(TrainingSlotOptions.Section).Get<TrainingSlotOptions>() ?? new();
        }
        catch (InvalidOperationException e)
        {
            throw new SpecException(TrainingSlotOptions.Section, (e.InnerException ?? e).Message);
        }
        if (slots is { } s)
        {
            options.Slots = s;
        }
        if (options.SlotMemory is { Bytes: <= 0 })
        {
            throw new SpecException($"{TrainingSlotOptions.Section}:{nameof(TrainingSlotOptions.SlotMemory)}", "must be a positive size (e.g. 4GiB)");
        }
        if (options.MultiplyAddsPerSecond is <= 0)
        {
            throw new SpecException($"{TrainingSlotOptions.Section}:{nameof(TrainingSlotOptions.MultiplyAddsPerSecond)}", "must be positive");
        }
        return options;
    }
}

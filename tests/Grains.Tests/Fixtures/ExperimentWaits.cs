using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Fixtures;

/// <summary>The waits on an experiment the grain tests share.</summary>
public static class ExperimentWaits
{
    /// <summary>Polls the experiment's status until it is completed, and returns that status.</summary>
    public static Task<ExperimentStatus> CompletedAsync(IExperimentGrain experiment, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(experiment.GetStatusAsync, s => s.State == ExperimentState.Completed, timeout,
            "the experiment's completion", every: TimeSpan.FromMilliseconds(100));
}

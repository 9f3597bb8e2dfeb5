using CapacityGrid.Grains.Abstractions.Training;
using Orleans.Concurrency;

namespace CapacityGrid.Grains.Experiments;

/// <summary>
/// What trainer grains report to their experiment (the same grain as <see cref="Abstractions.Experiments.IExperimentGrain"/>).
/// Internal to the silo: clients, which reach this assembly only through the embedded silo, cannot call it.
/// </summary>
internal interface IExperimentProgressGrain : IGrainWithStringKey
{
    /// <summary>A trainer reports that its point holds a training slot now. One-way; interleaves (it only counts).</summary>
    [OneWay, AlwaysInterleave]
    Task PointTrainingAsync(string pointId);

    /// <summary>A trainer reports that an epoch ended. One-way, so a trainer never waits on the experiment; interleaves (it only counts).</summary>
    [OneWay, AlwaysInterleave]
    Task EpochDoneAsync(string pointId, int epoch);

    /// <summary>A trainer reports that its point ended; the next queued point starts. One-way, like <see cref="EpochDoneAsync"/>.</summary>
    [OneWay]
    Task PointEndedAsync(string pointId, PointStatus status);
}

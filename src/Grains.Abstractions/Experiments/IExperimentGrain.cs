using Orleans.Concurrency;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// One experiment: keeps the spec, the list of point ids and counts, and fans points out to trainer
/// grains a bounded number at a time. Keyed by the experiment id.
/// </summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>Stores the spec and starts the sweep; submitting the same spec again is a no-op.</summary>
    Task<ExperimentStatus> StartAsync(ExperimentSpec spec);

    /// <summary>Stops every point of the experiment within seconds and frees their slots; final.</summary>
    Task<ExperimentStatus> CancelAsync();

    /// <summary>A trainer reports that its point holds a training slot now. One-way; interleaves (it only counts).</summary>
    [OneWay, AlwaysInterleave]
    Task PointTrainingAsync(string pointId);

    /// <summary>The spec this experiment runs, or null if none was submitted.</summary>
    Task<ExperimentSpec?> GetSpecAsync();

    /// <summary>Counts by state. Interleaves, so watching never waits behind the experiment's own work.</summary>
    [AlwaysInterleave]
    Task<ExperimentStatus> GetStatusAsync();

    /// <summary>The ids of every point, in grid order.</summary>
    Task<IReadOnlyList<GridPoint>> GetPointsAsync();

    /// <summary>A trainer reports that an epoch ended. One-way, so a trainer never waits on the experiment; interleaves (it only counts).</summary>
    [OneWay, AlwaysInterleave]
    Task EpochDoneAsync(string pointId, int epoch);

    /// <summary>A trainer reports that its point ended; the next queued point starts. One-way, like <see cref="EpochDoneAsync"/>.</summary>
    [OneWay]
    Task PointEndedAsync(string pointId, PointStatus status);
}

using Orleans.Concurrency;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// One experiment: keeps the spec, the list of point ids and counts, and fans points out to trainer
/// grains a bounded number at a time. Keyed by the experiment id. What clients call; the trainers' reports
/// to the experiment are an internal interface of the silo.
/// </summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>Stores the spec and starts the sweep; submitting the same spec again is a no-op.</summary>
    Task<ExperimentStatus> StartAsync(ExperimentSpec spec);

    /// <summary>Stops every point of the experiment within seconds and frees their slots; final.</summary>
    Task<ExperimentStatus> CancelAsync();

    /// <summary>The spec this experiment runs, or null if none was submitted.</summary>
    Task<ExperimentSpec?> GetSpecAsync();

    /// <summary>Counts by state. Interleaves, so watching never waits behind the experiment's own work.</summary>
    [AlwaysInterleave]
    Task<ExperimentStatus> GetStatusAsync();

    /// <summary>The ids of every point, in grid order.</summary>
    Task<IReadOnlyList<GridPoint>> GetPointsAsync();
}

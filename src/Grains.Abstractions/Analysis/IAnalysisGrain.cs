using CapacityGrid.Grains.Abstractions.Experiments;
using Orleans.Concurrency;

namespace CapacityGrid.Grains.Abstractions.Analysis;

/// <summary>Relates an experiment's results to its dataset. Keyed by the experiment id.</summary>
public interface IAnalysisGrain : IGrainWithStringKey
{
    /// <summary>Gathers every point's results into a capacity map (as far as they have got).</summary>
    Task<CapacityMap> BuildCapacityMapAsync();

    /// <summary>
    /// Starts computing <paramref name="dataset"/>'s measures (once per dataset, in the background) and returns at once,
    /// so they are ready by the time the map needs them. The experiment calls it when it starts. One-way and interleaved:
    /// the experiment never waits on this grain, which may itself be waiting on the experiment.
    /// </summary>
    [OneWay]
    [AlwaysInterleave]
    Task PrepareAsync(DatasetSpec dataset);
}

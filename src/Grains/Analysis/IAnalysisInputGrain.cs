using CapacityGrid.Grains.Abstractions.Experiments;
using Orleans.Concurrency;

namespace CapacityGrid.Grains.Analysis;

/// <summary>
/// What an experiment hands its analysis grain (the same grain as <see cref="Abstractions.Analysis.IAnalysisGrain"/>):
/// everything the map needs besides the points' results, so the analysis never calls the experiment. Internal to the silo.
/// </summary>
internal interface IAnalysisInputGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores <paramref name="spec"/> and <paramref name="points"/> (every point so far, in grid order; an adaptive search
    /// hands them again after each round) and starts computing the dataset's measures in the background (once per
    /// dataset), so they are ready by the time the map needs them. Returns once the points are stored. Interleaves: it
    /// only records, and the experiment must not wait behind a map being built.
    /// </summary>
    [AlwaysInterleave]
    Task PrepareAsync(ExperimentSpec spec, IReadOnlyList<GridPoint> points);
}

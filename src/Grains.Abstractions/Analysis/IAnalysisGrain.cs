namespace CapacityGrid.Grains.Abstractions.Analysis;

/// <summary>
/// Relates an experiment's results to its dataset. Keyed by the experiment id. What clients call; the experiment hands
/// it the spec and the points through an internal interface of the silo, so it never asks the experiment back.
/// </summary>
public interface IAnalysisGrain : IGrainWithStringKey
{
    /// <summary>Gathers every point's results into a capacity map (as far as they have got).</summary>
    Task<CapacityMap> BuildCapacityMapAsync();
}

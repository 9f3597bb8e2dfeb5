namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>
/// Trains one grid point. Keyed by <c>{experimentId}/{pointId}</c>. Training runs off the Orleans
/// scheduler; the grain's calls stay short. The run's own reports to the grain are an internal interface of the silo.
/// </summary>
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>Starts training unless the point already ended; returns at once with the point's status.</summary>
    Task<PointStatus> StartAsync(TrainRequest request);

    /// <summary>
    /// Makes sure a point that should be training is: an activation that lost its run (its silo died, say)
    /// resumes from the last checkpoint. Returns the point's status. Experiments call it periodically.
    /// </summary>
    Task<PointStatus> EnsureRunningAsync();

    /// <summary>Stops training and marks the point cancelled (unless it already ended).</summary>
    Task CancelAsync();

    /// <summary>The point's state and metrics so far.</summary>
    Task<PointResult> GetResultAsync();
}

namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>What a <see cref="PointStatus"/> means for the point's future.</summary>
public static class PointStatusExtensions
{
    /// <summary>True for the final states: finished, failed (after its last attempt), diverged and cancelled. An ended point's result never changes.</summary>
    public static bool IsEnded(this PointStatus status) =>
        status is PointStatus.Finished or PointStatus.Diverged or PointStatus.Failed or PointStatus.Cancelled;

    /// <summary>The status as the capacity map, its CSV and its table write it: <c>queued</c>, <c>running</c>, <c>finished</c>...</summary>
    public static string Name(this PointStatus status) => status.ToString().ToLowerInvariant();
}

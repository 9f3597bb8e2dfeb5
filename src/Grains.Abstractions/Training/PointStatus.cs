namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>Where a grid point stands.</summary>
[GenerateSerializer, Alias("capacitygrid.point-status")]
public enum PointStatus
{
    /// <summary>Waiting for a training slot.</summary>
    Queued = 0,

    /// <summary>Training.</summary>
    Running = 1,

    /// <summary>Trained every epoch; final.</summary>
    Finished = 2,

    /// <summary>Stopped by an error.</summary>
    Failed = 3,

    /// <summary>Loss became NaN or infinite; final.</summary>
    Diverged = 4,

    /// <summary>Stopped because its experiment was cancelled; final.</summary>
    Cancelled = 5,
}

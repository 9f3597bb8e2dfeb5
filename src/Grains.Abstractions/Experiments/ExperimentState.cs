namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>Where an experiment stands as a whole.</summary>
[GenerateSerializer, Alias("capacitygrid.experiment-state")]
public enum ExperimentState
{
    /// <summary>No spec submitted under this id.</summary>
    Unknown = 0,

    /// <summary>Points are queued or training.</summary>
    Running = 1,

    /// <summary>Every point ended (finished, diverged or failed).</summary>
    Completed = 2,

    /// <summary>Cancelled by a user: no point trains any more.</summary>
    Cancelled = 3,
}

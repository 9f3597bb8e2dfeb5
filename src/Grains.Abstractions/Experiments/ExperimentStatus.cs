namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>Counts of an experiment's points by state: what progress displays poll.</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.experiment-status")]
public sealed record ExperimentStatus(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] ExperimentState State,
    [property: Id(2)] int Total,
    [property: Id(3)] int Queued,
    [property: Id(4)] int Running,
    [property: Id(5)] int Finished,
    [property: Id(6)] int Failed,
    [property: Id(7)] int Diverged,
    [property: Id(8)] int EpochsDone,
    [property: Id(9)] int EpochsTotal,
    [property: Id(10)] int Cancelled = 0)
{
    /// <summary>Points that ended, whatever the outcome.</summary>
    public int Ended => Finished + Failed + Diverged + Cancelled;
}

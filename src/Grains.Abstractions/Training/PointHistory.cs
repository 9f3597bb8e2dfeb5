namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>
/// How a grid point got trained, so that interruptions can be audited from its result: <c>Runs</c> training runs
/// were started (more than one after a silo died, storage failed or the cluster restarted); <c>RunStartEpochs</c>
/// holds, for every run that trained at least one epoch, the checkpointed epoch it started from (0: from scratch),
/// in order; <c>EpochsTrained</c> counts every epoch trained and checkpointed, redone ones included; <c>Completions</c>
/// counts the completion reports the point accepted (1 once it ended). A run that starts below the furthest epoch
/// an earlier run reached retrains checkpointed epochs, e.g. after falling back from a corrupt checkpoint.
/// <c>BatchedWith</c>: points the completing run trained together as one stacked model (1: alone; 0: not ended).
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.point-history")]
public sealed record PointHistory(
    [property: Id(0)] int Runs,
    [property: Id(1)] int EpochsTrained,
    [property: Id(2)] IReadOnlyList<int> RunStartEpochs,
    [property: Id(3)] int Completions,
    [property: Id(4)] int BatchedWith = 0);

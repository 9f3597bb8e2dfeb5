using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Experiments;

/// <summary>
/// An experiment's persistent state: the spec, the fixed list of points, and counts. Per-point results
/// live with the points (trainer grains), so this record does not grow as points report.
/// </summary>
[GenerateSerializer, Alias("capacitygrid.experiment-grain-state")]
public sealed class ExperimentGrainState
{
    /// <summary>The submitted spec; null until started.</summary>
    [Id(0)] public ExperimentSpec? Spec { get; set; }

    /// <summary>Every point, in grid order.</summary>
    [Id(1)] public List<GridPoint> Points { get; set; } = [];

    /// <summary>Points before this index have been handed to a trainer.</summary>
    [Id(2)] public int NextIndex { get; set; }

    /// <summary>Ids of points training now (at most the slot count).</summary>
    [Id(3)] public HashSet<string> Running { get; set; } = [];

    /// <summary>Points that finished.</summary>
    [Id(4)] public int Finished { get; set; }

    /// <summary>Points that failed.</summary>
    [Id(5)] public int Failed { get; set; }

    /// <summary>Points that diverged.</summary>
    [Id(6)] public int Diverged { get; set; }

    /// <summary>Epochs completed across all points, as of the last point that ended.</summary>
    [Id(7)] public int EpochsDone { get; set; }

    /// <summary>W3C trace context of the experiment's span: grid-point spans are its children.</summary>
    [Id(8)] public string? TraceParent { get; set; }

    /// <summary>Points stopped by a cancellation (running or still queued when it came).</summary>
    [Id(9)] public int Cancelled { get; set; }

    /// <summary>True once a user cancelled the experiment.</summary>
    [Id(10)] public bool IsCancelled { get; set; }

    /// <summary>Adaptive search: refinement rounds that added points (their points are in <see cref="Points"/>).</summary>
    [Id(11)] public int SearchRounds { get; set; }

    /// <summary>Adaptive search: true once refinement stopped; the experiment completes only then.</summary>
    [Id(12)] public bool SearchDone { get; set; }

    /// <summary>
    /// How many of <see cref="Points"/> the analysis grain holds (handed with the spec); 0 for experiments stored before
    /// the experiment handed them, which hand them on their next activation.
    /// </summary>
    [Id(13)] public int AnalysisPoints { get; set; }
}

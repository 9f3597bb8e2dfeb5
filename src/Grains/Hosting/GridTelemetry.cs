using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CapacityGrid.Grains.Hosting;

/// <summary>The grains' activity source and meter (wired to exporters in ServiceDefaults).</summary>
public static class GridTelemetry
{
    /// <summary>Name of the activity source and meter.</summary>
    public const string Name = "CapacityGrid.Grains";

    /// <summary>Spans for experiments, grid points, epochs and checkpoint writes.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Counters of training work.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Epochs trained.</summary>
    public static readonly Counter<long> Epochs = Meter.CreateCounter<long>("capgrid.epochs", description: "Epochs trained");

    /// <summary>Training samples processed (epochs x training rows): its rate is the grid's samples per second.</summary>
    public static readonly Counter<long> Samples = Meter.CreateCounter<long>("capgrid.samples", description: "Training samples processed");

    /// <summary>Points handed to trainers; minus those ended, the points in flight.</summary>
    public static readonly Counter<long> PointsStarted = Meter.CreateCounter<long>("capgrid.points.started", description: "Grid points handed to trainers");

    /// <summary>Points that ended, tagged <c>status</c> (finished, failed, diverged, cancelled).</summary>
    public static readonly Counter<long> PointsEnded = Meter.CreateCounter<long>("capgrid.points.ended", description: "Grid points that ended, by status");

    /// <summary>Points trained in a stack with others (in one slot, as one batched model).</summary>
    public static readonly Counter<long> PointsBatched = Meter.CreateCounter<long>("capgrid.points.batched", description: "Grid points trained stacked with others");

    /// <summary>Bytes of checkpoints written.</summary>
    public static readonly Counter<long> CheckpointBytes = Meter.CreateCounter<long>("capgrid.checkpoint.bytes", "By", "Checkpoint bytes written");
}

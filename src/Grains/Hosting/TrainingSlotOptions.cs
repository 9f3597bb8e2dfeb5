namespace CapacityGrid.Grains.Hosting;

/// <summary>How much training a silo takes on. Section <c>Training</c>.</summary>
public sealed class TrainingSlotOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Training";

    /// <summary>Trainings this silo runs at once; more wait for a slot. Default: one per two cores, at least one.</summary>
    public int Slots { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// Points an experiment hands to trainers at once (they wait for slots on their silos); bounds the
    /// experiment's fan-out and the activations it keeps alive.
    /// </summary>
    public int PointsInFlight { get; set; } = 32;

    /// <summary>
    /// Most points one slot trains together as one stacked model: a point starting from scratch takes queued
    /// points of the same experiment on this silo that differ from it only in their seed (see docs/architecture.md). 1 turns it off.
    /// </summary>
    public int MaxBatchedPoints { get; set; } = 8;

    /// <summary>Training runs a point gets before an error marks it failed (the first run included).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before retrying a failed run; doubled after each further failure.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an experiment checks that its running points still train (and revives those whose silo died).</summary>
    public TimeSpan LivenessCheck { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The accelerator this silo advertises: <c>cpu</c> (the default) or <c>gpu</c>; points with device <c>cuda</c> go only to <c>gpu</c> silos.</summary>
    public string Accelerator { get; set; } = "cpu";

    /// <summary>Intra-op threads TorchSharp uses per process (0 keeps torch's default).</summary>
    public int TorchThreads { get; set; } = 1;
}

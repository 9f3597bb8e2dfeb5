using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Placement;

namespace CapacityGrid.Grains.Training;

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

    /// <summary>
    /// The accelerator this silo advertises: <c>cpu</c> (the default) or <c>gpu</c>; points with device <c>cuda</c> go only
    /// to <c>gpu</c> silos. The word, as configuration gives it and silo metadata carries it; placement reads it typed
    /// (<see cref="SiloCapabilities.Of"/>).
    /// </summary>
    public string Accelerator { get; set; } = AcceleratorKinds.Name(AcceleratorKind.Cpu);

    /// <summary>Intra-op threads TorchSharp uses per process (0 keeps torch's default).</summary>
    public int TorchThreads { get; set; } = 1;

    /// <summary>
    /// Memory one training slot may use; a spec with a point whose estimated training memory is larger is refused
    /// at submit. Absent: the memory this process may use (the machine's or its container's) shared among the slots.
    /// </summary>
    public ByteSize? SlotMemory { get; set; }

    /// <summary>
    /// Training multiply-adds one slot does per second on this machine (e.g. from <c>bench -- throughput</c>); when
    /// set, a run prints its estimated time, and one estimated at over a day asks for <c>--yes</c>. Absent: unknown.
    /// </summary>
    public double? MultiplyAddsPerSecond { get; set; }

    /// <summary>The memory a slot may use: <see cref="SlotMemory"/>, or this process's available memory over <see cref="Slots"/>.</summary>
    public ByteSize SlotMemoryLimit() => SlotMemory ?? new ByteSize(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / Math.Max(1, Slots));

    /// <summary>Where <see cref="SlotMemoryLimit"/> comes from, for messages.</summary>
    public string SlotMemorySource() => SlotMemory is not null
        ? $"{Section}:{nameof(SlotMemory)}"
        : $"{Section}:{nameof(SlotMemory)}; default: this silo's {new ByteSize(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)} over {Slots} slot{(Slots == 1 ? "" : "s")}";
}

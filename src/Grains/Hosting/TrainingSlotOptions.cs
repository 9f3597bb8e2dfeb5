namespace CapacityGrid.Grains.Hosting;

/// <summary>How much training a silo takes on. Section <c>Training</c>.</summary>
public sealed class TrainingSlotOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Training";

    /// <summary>Grid points an experiment trains at once. Default: one per two cores, at least one.</summary>
    public int Slots { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Intra-op threads TorchSharp uses per process (0 keeps torch's default).</summary>
    public int TorchThreads { get; set; } = 1;
}

namespace CapacityGrid.Grains.Placement;

/// <summary>
/// What a silo trains on. Configuration (<c>Training:Accelerator</c>) and silo metadata name it as a word
/// (<see cref="AcceleratorKinds.Name"/>); placement switches on the kind.
/// </summary>
public enum AcceleratorKind
{
    /// <summary><c>cpu</c>: the CPU only (the default).</summary>
    Cpu,

    /// <summary><c>gpu</c>: a GPU, so the silo takes points whose device is <c>cuda</c>.</summary>
    Gpu,
}

namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>
/// Where a run trains. Specs name it as a word (<see cref="DeviceKinds.Name"/>); <see cref="TrainingDevice.Resolve"/>
/// turns the kind into a torch device.
/// </summary>
public enum DeviceKind
{
    /// <summary><c>auto</c>: CUDA when <c>torch.cuda.is_available()</c>, else the CPU.</summary>
    Auto,

    /// <summary><c>cpu</c>: the CPU.</summary>
    Cpu,

    /// <summary><c>cuda</c>: the first GPU; an error where there is none.</summary>
    Cuda,
}

using TorchSharp;

namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>Resolves <see cref="TrainOptions.Device"/> to a torch device, once per run.</summary>
public static class TrainingDevice
{
    /// <summary>
    /// <see cref="DeviceKind.Auto"/>: CUDA when <c>torch.cuda.is_available()</c> (a CUDA build of TorchSharp on a machine with
    /// a GPU), else the CPU. <see cref="DeviceKind.Cpu"/>: the CPU. <see cref="DeviceKind.Cuda"/>: the first GPU, or an
    /// <see cref="InvalidOperationException"/> when there is none.
    /// </summary>
    public static torch.Device Resolve(DeviceKind kind) => kind switch
    {
        DeviceKind.Auto => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
        DeviceKind.Cpu => torch.CPU,
        DeviceKind.Cuda => torch.cuda.is_available()
            ? torch.CUDA
            : throw new InvalidOperationException("device 'cuda' was asked for, but torch.cuda.is_available() is false (no GPU, or a CPU build of TorchSharp: build with -p:TorchBackend=cuda)"),
        _ => throw new ArgumentException(DeviceKinds.Unknown($"{kind}"), nameof(TrainOptions.Device)),
    };

    /// <summary>Sets torch's intra-op threads for the process when <paramref name="threads"/> is positive and differs.</summary>
    public static void ApplyThreads(int threads)
    {
        if (threads > 0 && torch.get_num_threads() != threads)
        {
            torch.set_num_threads(threads);
        }
    }
}

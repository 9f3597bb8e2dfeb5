using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;

namespace CapacityGrid.Analysis.Tests.Training.Trainers;

public sealed class DeviceTests
{
    [Fact]
    public void Resolve_Cpu_GivesTheCpu()
    {
        Assert.Equal(DeviceType.CPU, TrainingDevice.Resolve(DeviceKind.Cpu).type);
    }

    [Fact]
    public void Resolve_Auto_GivesCudaExactlyWhenTorchSeesAGpu()
    {
        var expected = torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;

        Assert.Equal(expected, TrainingDevice.Resolve(DeviceKind.Auto).type);
    }

    [Fact]
    public void Resolve_CudaWithoutAGpu_ThrowsSayingWhy()
    {
        Assert.SkipWhen(torch.cuda.is_available(), "this machine has CUDA");

        var e = Assert.Throws<InvalidOperationException>(() => TrainingDevice.Resolve(DeviceKind.Cuda));

        Assert.Contains("torch.cuda.is_available() is false", e.Message);
    }

    [Fact]
    public void Resolve_AValueNoKindHas_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingDevice.Resolve((DeviceKind)99));

        Assert.Equal("Device", e.ParamName);
    }
}

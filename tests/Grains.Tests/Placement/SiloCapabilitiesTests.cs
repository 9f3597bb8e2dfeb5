using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Placement;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace CapacityGrid.Grains.Tests.Placement;

public sealed class SiloCapabilitiesTests
{
    [Theory]
    [InlineData(AcceleratorKind.Cpu, DeviceKind.Auto, true)]
    [InlineData(AcceleratorKind.Cpu, DeviceKind.Cpu, true)]
    [InlineData(AcceleratorKind.Cpu, DeviceKind.Cuda, false)]
    [InlineData(AcceleratorKind.Gpu, DeviceKind.Cuda, true)]
    [InlineData(AcceleratorKind.Gpu, DeviceKind.Cpu, true)]
    public void Serves_OnlyGpuSilosTakeCudaPoints(AcceleratorKind accelerator, DeviceKind device, bool served) =>
        Assert.Equal(served, new SiloCapabilities(accelerator, 1).Serves(device));

    [Theory]
    [InlineData(null, DeviceKind.Auto)]
    [InlineData("cuda", DeviceKind.Cuda)]
    [InlineData("cpu", DeviceKind.Cpu)]
    [InlineData("tpu", DeviceKind.Auto)]
    public void Requirement_OfASpecWord_IsItsDevice_AutoWhenAbsentOrUnknown(string? word, DeviceKind device) =>
        Assert.Equal(device, SiloCapabilities.Requirement(word));

    [Fact]
    public void Of_ASiloThatAdvertisesNothing_IsOneCpuSlot()
    {
        Assert.Equal(new SiloCapabilities(AcceleratorKind.Cpu, 1), SiloCapabilities.Of(null));
        Assert.Equal(new SiloCapabilities(AcceleratorKind.Cpu, 1), SiloCapabilities.Of(SiloMetadata.Empty));
    }

    [Theory]
    [InlineData("GPU")]
    [InlineData("cuda")]
    [InlineData("")]
    public void AcceleratorSetting_NotCpuOrGpu_IsRefusedWithTheSettingsMessage(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Training:Accelerator"] = value }).Build();
        var services = new ServiceCollection().AddLogging().AddCapacityGridGrainServices(configuration).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TrainingSlotOptions>>().Value);

        Assert.Contains("Training:Accelerator must be cpu or gpu", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("gpu")]
    public void AcceleratorSetting_CpuOrGpu_IsAccepted(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Training:Accelerator"] = value }).Build();
        var services = new ServiceCollection().AddLogging().AddCapacityGridGrainServices(configuration).BuildServiceProvider();

        Assert.Equal(value, services.GetRequiredService<IOptions<TrainingSlotOptions>>().Value.Accelerator);
    }
}

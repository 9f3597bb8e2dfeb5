using TorchSharp;
using Xunit;

namespace CapacityGrid.Analysis.Tests;

/// <summary>
/// TorchSharp's native library loads and computes on this host. On hosts whose libstdc++ predates GCC 13 this
/// only passes with the patched libLibTorchSharp.so that build/torchsharp-native puts into the output.
/// </summary>
public sealed class TorchSharpNativeTests
{
    [Fact]
    public void Torch_OnThisHost_InitialisesAndMultipliesMatrices()
    {
        torch.InitializeDeviceType(DeviceType.CPU);
        using var scope = torch.NewDisposeScope();

        var a = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = torch.tensor(new float[,] { { 5, 6 }, { 7, 8 } });
        var product = torch.matmul(a, b);

        Assert.Equal(new long[] { 2, 2 }, product.shape);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }
}

using System.Text;
using CapacityGrid.Analysis.Native;
using TorchSharp;
using Xunit;

namespace CapacityGrid.Analysis.Tests;

/// <summary>
/// TorchSharp's native library loads and computes on this host. On hosts whose libstdc++ predates GCC 13 this
/// only passes with the patched libLibTorchSharp.so that build/torchsharp-native puts into the output, and the
/// shim beside it loaded into the global symbol scope first.
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

    [Fact]
    public void EnsureLoaded_WhereTheBuildPutAShim_LoadsItWithoutLinkingItIntoTorchSharpsLibrary()
    {
        TorchNativeLibrary.EnsureLoaded();
        var shim = TorchNativeLibrary.FindShim(AppContext.BaseDirectory);

        Assert.Equal(shim, TorchNativeLibrary.LoadedShim);
        var library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (OperatingSystem.IsLinux() && File.Exists(library))
        {
            // No DT_NEEDED entry names the shim: the build no longer needs patchelf to add one.
            var bytes = File.ReadAllBytes(library);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(TorchNativeLibrary.ShimFileName)));
        }
    }
}

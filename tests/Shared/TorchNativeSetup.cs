using System.Runtime.CompilerServices;
using CapacityGrid.Analysis.Native;

namespace CapacityGrid.Tests.Shared;

/// <summary>Loads TorchSharp's libstdc++ shim (where this host needs one) before any test touches torch.</summary>
internal static class TorchNativeSetup
{
    [ModuleInitializer]
    internal static void Load() => TorchNativeLibrary.EnsureLoaded();
}

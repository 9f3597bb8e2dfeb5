using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CapacityGrid.Analysis.Native;

/// <summary>
/// Makes TorchSharp's native library loadable where the host's libstdc++ predates GCC 13. The build
/// (build/torchsharp-native) weakens the library's GLIBCXX_3.4.32 requirement and, only on such hosts, puts
/// <c>libios_base_library_init_shim.so</c> beside it, which defines the one symbol of that version the library
/// uses. Loading the shim into the process's global symbol scope before TorchSharp loads its library lets the
/// dynamic loader bind that symbol to it, with no DT_NEEDED entry and so no patchelf.
/// </summary>
public static class TorchNativeLibrary
{
    /// <summary>The shim's file name, as build/torchsharp-native/fix-torchsharp-native.sh writes it.</summary>
    public const string ShimFileName = "libios_base_library_init_shim.so";

    private const int RtldNow = 0x002;
    private const int RtldGlobal = 0x100;
    private static readonly Lock _gate = new();
    private static bool _done;

    /// <summary>The shim this process loaded, or null where the build put none (the host needs none).</summary>
    public static string? LoadedShim { get; private set; }

    /// <summary>Runs when this assembly is first used, before any of its code can reach TorchSharp.</summary>
#pragma warning disable CA2255 // a library initialiser is the point: every host of this assembly needs the shim first
    [ModuleInitializer]
    internal static void LoadOnFirstUse() => EnsureLoaded();
#pragma warning restore CA2255

    /// <summary>
    /// Loads the shim, once, when the build placed one beside this application. Call it before the first torch
    /// call in a program that may touch TorchSharp before any type of this assembly.
    /// </summary>
    public static void EnsureLoaded()
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }
            _done = true;
            if (!OperatingSystem.IsLinux())
            {
                return;
            }
            var shim = FindShim(AppContext.BaseDirectory);
            if (shim is null)
            {
                return;
            }
            if (Dlopen(shim, RtldNow | RtldGlobal) == IntPtr.Zero)
            {
                throw new DllNotFoundException($"cannot load {shim}: {Dlerror()}");
            }
            LoadedShim = shim;
        }
    }

    /// <summary>The shim in <paramref name="directory"/> or its runtimes/linux-x64/native folder, if any.</summary>
    public static string? FindShim(string directory) =>
        new[] { directory, Path.Combine(directory, "runtimes", "linux-x64", "native") }
            .Select(d => Path.Combine(d, ShimFileName))
            .FirstOrDefault(File.Exists);

    private static IntPtr Dlopen(string path, int flags)
    {
        try
        {
            return LibC.dlopen(path, flags);
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.34 keeps dlopen in libdl only
            return LibDl.dlopen(path, flags);
        }
    }

    private static string Dlerror()
    {
        var message = LibDl.dlerror();
        return message == IntPtr.Zero ? "unknown error" : Marshal.PtrToStringUTF8(message) ?? "unknown error";
    }

    private static class LibC
    {
        [DllImport("libc.so.6", CharSet = CharSet.Ansi, BestFitMapping = false)]
        public static extern IntPtr dlopen(string path, int flags);
    }

    private static class LibDl
    {
        [DllImport("libdl.so.2", CharSet = CharSet.Ansi, BestFitMapping = false)]
        public static extern IntPtr dlopen(string path, int flags);

        [DllImport("libdl.so.2")]
        public static extern IntPtr dlerror();
    }
}

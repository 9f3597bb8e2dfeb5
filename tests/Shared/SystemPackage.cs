namespace CapacityGrid.Tests.Shared;

/// <summary>
/// A Debian package some tests need (real data sets, PyTorch, Chromium). Where it is missing the test is skipped
/// with a one-line reason naming the package and its apt-get line; under <see cref="RequireVariable"/>=1 (as
/// .ci/run sets it after installing them) a missing package fails the test instead, so CI runs every test.
/// </summary>
public sealed record SystemPackage(string Package, string Path, string What)
{
    /// <summary>The environment variable under which a missing package fails instead of skipping.</summary>
    public const string RequireVariable = "CAPGRID_REQUIRE_SYSTEM_PACKAGES";

    /// <summary>Fashion-MNIST's IDX files.</summary>
    public static readonly SystemPackage FashionMnist =
        new("dataset-fashion-mnist", "/usr/share/datasets/fashion-mnist", "Fashion-MNIST");

    /// <summary>scikit-learn's sample CSV files (iris, wine, breast cancer, digits).</summary>
    public static readonly SystemPackage SklearnData =
        new("python3-sklearn", "/usr/lib/python3/dist-packages/sklearn/datasets/data", "scikit-learn's sample data");

    /// <summary>Debian's PyTorch, run by /usr/bin/python3 (the pyenv python3 first on PATH may lack it).</summary>
    public static readonly SystemPackage PyTorch = new("python3-torch", "/usr/lib/python3/dist-packages/torch", "PyTorch");

    /// <summary>Debian's Chromium, for headless page checks.</summary>
    public static readonly SystemPackage Chromium = new("chromium", "/usr/bin/chromium", "Chromium");

    /// <summary>tmux, a real pseudo-terminal for Ctrl-C tests.</summary>
    public static readonly SystemPackage Tmux = new("tmux", "/usr/bin/tmux", "tmux");

    /// <summary>Whether the package's file or folder is on this machine.</summary>
    public bool IsInstalled => System.IO.File.Exists(Path) || Directory.Exists(Path);

    /// <summary>The one-line reason a test cannot run here.</summary>
    public string MissingReason => $"needs {What} ({Path} missing): apt-get install {Package}";

    /// <summary>A file inside the package's folder, after <see cref="Require"/>.</summary>
    public string File(string name)
    {
        Require();
        return System.IO.Path.Combine(Path, name);
    }

    /// <summary>Skips the calling test where the package is missing, or fails it under <see cref="RequireVariable"/>=1.</summary>
    public void Require() => Require(Environment.GetEnvironmentVariable(RequireVariable));

    /// <summary><see cref="Require()"/> with the variable's value given, for testing the rule itself.</summary>
    public void Require(string? requireVariableValue)
    {
        if (IsInstalled)
        {
            return;
        }
        if (requireVariableValue == "1")
        {
            Assert.Fail($"{MissingReason} ({RequireVariable}=1 makes this a failure)");
        }
        Assert.Skip(MissingReason);
    }
}

namespace CapacityGrid.Silo.Storage;

/// <summary>
/// Finds the Azurite executable: <c>CAPGRID_AZURITE</c>, then infra/node_modules/.bin/azurite of the
/// checkout (installing it with <c>npm ci</c> the first time), then <c>azurite</c> on the PATH.
/// </summary>
public static class AzuriteLocator
{
    /// <summary>Environment variable naming an Azurite executable to use.</summary>
    public const string EnvironmentVariable = "CAPGRID_AZURITE";

    /// <summary>The path of an Azurite executable.</summary>
    /// <exception cref="AzuriteUnavailableException">None can be found or installed.</exception>
    public static string Locate(Action<string>? progress = null)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new AzuriteUnavailableException($"{EnvironmentVariable}={configured}: no such file");
        }
        if (FindInfraFolder() is { } infra)
        {
            var marker = Path.Combine("node_modules", ".bin", "azurite");
            var local = Path.Combine(infra, marker);
            if (!File.Exists(local))
            {
                NpmInstaller.InstallPinned(infra, marker, progress);
            }
            if (File.Exists(local))
            {
                return local;
            }
        }
        if (OnPath("azurite") is { } onPath)
        {
            return onPath;
        }
        throw new AzuriteUnavailableException(
            "Azurite is not installed: run 'npm ci --prefix infra' in the CapacityGrid checkout (needs Node 20), " +
            $"set {EnvironmentVariable} to an azurite executable, or set Storage:ConnectionString to running Azure Storage");
    }

    /// <summary>The checkout's infra folder (holding the pinned package.json), searched upward from this program and the working folder.</summary>
    public static string? FindInfraFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "infra", "package.json");
                if (File.Exists(candidate) && File.ReadAllText(candidate).Contains("\"azurite\"", StringComparison.Ordinal))
                {
                    return Path.GetDirectoryName(candidate);
                }
            }
        }
        return null;
    }

    /// <summary>The full path of <paramref name="name"/> on the PATH, if any.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

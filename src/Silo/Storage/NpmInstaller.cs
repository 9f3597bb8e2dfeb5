using System.Diagnostics;

namespace CapacityGrid.Silo.Storage;

/// <summary>Installs infra/'s pinned npm packages once, even when several processes ask at the same time.</summary>
internal static class NpmInstaller
{
    /// <summary>Runs <c>npm ci</c> in <paramref name="infra"/> under a file lock; failures are reported by the caller's next check.</summary>
    public static void InstallPinned(string infra, Action<string>? progress)
    {
        if (AzuriteLocator.OnPath("npm") is not { } npm)
        {
            return;
        }
        using var lockFile = AcquireLock(Path.Combine(infra, ".npm-install.lock"));
        if (File.Exists(Path.Combine(infra, "node_modules", ".bin", "azurite")))
        {
            return;
        }
        progress?.Invoke("installing Azurite (npm ci in infra/, once)");
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = infra,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start);
        if (process is null)
        {
            return;
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new AzuriteUnavailableException($"npm ci in {infra} failed with exit code {process.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()}");
        }
        _ = stdout.Result;
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}

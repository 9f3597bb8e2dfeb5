using System.Diagnostics;

namespace CapacityGrid.Silo.Storage;

/// <summary>Installs infra/'s pinned npm packages once, even when several processes ask at the same time.</summary>
public static class NpmInstaller
{
    /// <summary>
    /// Installs infra/'s pinned packages (package-lock.json) under a file lock unless <paramref name="marker"/> (a path
    /// under <paramref name="infra"/>) already exists: <c>npm ci</c> into an empty folder, else <c>npm install</c>, which
    /// adds what is missing without removing the packages a running Azurite uses. Without npm it does nothing;
    /// the caller's next check reports what is still missing.
    /// </summary>
    /// <exception cref="AzuriteUnavailableException">npm ran and failed.</exception>
    public static void InstallPinned(string infra, string marker, Action<string>? progress)
    {
        if (AzuriteLocator.OnPath("npm") is not { } npm)
        {
            return;
        }
        using var lockFile = AcquireLock(Path.Combine(infra, ".npm-install.lock"));
        if (File.Exists(Path.Combine(infra, marker)))
        {
            return;
        }
        var command = Directory.Exists(Path.Combine(infra, "node_modules")) ? "install" : "ci";
        progress?.Invoke($"installing infra/'s pinned npm packages (npm {command} in {infra}, once)");
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = infra,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { command, "--no-audit", "--no-fund" })
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
            throw new AzuriteUnavailableException($"npm {command} in {infra} failed with exit code {process.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()}");
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

using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Report;

/// <summary>Finds the pinned plotly.js bundle (infra/package.json) that every report inlines.</summary>
public static class PlotlyLocator
{
    /// <summary>Environment variable naming a plotly.min.js to use instead of infra/'s.</summary>
    public const string EnvironmentVariable = "CAPGRID_PLOTLY";

    /// <summary>The bundle's path under infra/node_modules.</summary>
    public static readonly string RelativePath = Path.Combine("node_modules", "plotly.js-dist-min", "plotly.min.js");

    /// <summary>The path of plotly.min.js, installing infra/'s pinned packages first if it is missing there.</summary>
    /// <exception cref="ReportException">It is not installed and cannot be.</exception>
    public static string Locate(Action<string>? progress = null)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new ReportException($"{EnvironmentVariable}={configured}: no such file");
        }
        if (AzuriteLocator.FindInfraFolder() is { } infra)
        {
            var path = Path.Combine(infra, RelativePath);
            if (!File.Exists(path))
            {
                try
                {
                    NpmInstaller.InstallPinned(infra, RelativePath, progress);
                }
                catch (AzuriteUnavailableException e)
                {
                    throw new ReportException($"plotly.js is not installed and could not be: {e.Message}");
                }
            }
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new ReportException(
            "plotly.js is not installed: run 'npm ci --prefix infra' in the CapacityGrid checkout (it pins plotly.js-dist-min 4.1.2), " +
            $"or set {EnvironmentVariable} to a plotly.min.js");
    }

    /// <summary>The bundle's text, checked to be safe to inline in a script element.</summary>
    /// <exception cref="ReportException">It is missing or cannot be inlined.</exception>
    public static string Read(Action<string>? progress = null)
    {
        var path = Locate(progress);
        var script = File.ReadAllText(path);
        if (script.Contains("</script", StringComparison.OrdinalIgnoreCase))
        {
            throw new ReportException($"{path}: contains '</script' and cannot be inlined");
        }
        return script;
    }
}

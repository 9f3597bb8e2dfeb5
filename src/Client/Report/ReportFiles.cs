using System.Text.Json;
using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Report;

/// <summary>Where a report went: the HTML file and the JSON and CSV exports beside it.</summary>
public sealed record ReportPaths(string Html, string Json, string Csv);

/// <summary>Writes a report's three files: <c>name.html</c>, <c>name.json</c> (the capacity map) and <c>name.csv</c> (one row per point).</summary>
public static class ReportFiles
{
    /// <summary>The three paths for an HTML path.</summary>
    /// <exception cref="ReportException">The path does not end in .html or .htm.</exception>
    public static ReportPaths For(string htmlPath)
    {
        var extension = Path.GetExtension(htmlPath);
        if (!extension.Equals(".html", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".htm", StringComparison.OrdinalIgnoreCase))
        {
            throw new ReportException($"--out {htmlPath}: the report must be an .html file (the .json and .csv exports go beside it)");
        }
        var full = Path.GetFullPath(htmlPath);
        return new ReportPaths(full, Path.ChangeExtension(full, ".json"), Path.ChangeExtension(full, ".csv"));
    }

    /// <summary>Writes the report of <paramref name="map"/> with <paramref name="plotlyScript"/> inlined.</summary>
    public static async Task WriteAsync(CapacityMap map, ReportPaths paths, string plotlyScript, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(paths.Html)!);
        await File.WriteAllTextAsync(paths.Json, JsonSerializer.Serialize(map, JsonOutput.Options), cancellationToken);
        await File.WriteAllTextAsync(paths.Csv, ReportCsv.Render(map), cancellationToken);
        await File.WriteAllTextAsync(paths.Html, ReportDocument.Render(map, plotlyScript), cancellationToken);
    }
}

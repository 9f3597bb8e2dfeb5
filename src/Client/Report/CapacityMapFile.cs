using System.Text.Json;
using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Report;

/// <summary>Reads a <c>capacity-map.json</c> as written by run, watch, resume and report, with its per-point measures and epochs.</summary>
public static class CapacityMapFile
{
    /// <summary>The map in <paramref name="path"/>.</summary>
    /// <exception cref="ReportException">The file is missing or is not a capacity map.</exception>
    public static CapacityMap Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ReportException($"{path}: file not found");
        }
        try
        {
            var map = JsonSerializer.Deserialize<CapacityMap>(File.ReadAllText(path), JsonOutput.Options);
            if (map is null || map.ExperimentId is null || map.Points is null || map.Dataset is null)
            {
                throw new ReportException($"{path}: not a capacity map (it needs experimentId, dataset and points)");
            }
            return map;
        }
        catch (JsonException e)
        {
            throw new ReportException($"{path}: not a capacity map: {e.Message}");
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
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
            var text = File.ReadAllText(path);
            var map = JsonSerializer.Deserialize<CapacityMap>(text, JsonOutput.Options);
            var node = JsonNode.Parse(text)?.AsObject();
            if (map is null || node is null || map.ExperimentId is null || map.Points is null || map.Dataset is null)
            {
                throw new ReportException($"{path}: not a capacity map (it needs experimentId, dataset and points)");
            }
            var points = node["points"]!.AsArray();
            return map with
            {
                DatasetMeasuresJson = Json(node["datasetMeasures"]),
                Points = [.. map.Points.Select((p, i) => p with { MeasuresJson = Json(points[i]?["measures"]), EpochsJson = Json(points[i]?["epochs"]) })],
            };
        }
        catch (JsonException e)
        {
            throw new ReportException($"{path}: not a capacity map: {e.Message}");
        }
    }

    private static string? Json(JsonNode? node) => node is null ? null : node.ToJsonString();
}

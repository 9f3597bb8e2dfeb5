using System.Text.Json;

namespace CapacityGrid.Client.Report;

/// <summary>One hidden layer of a finished point's final probe, on one part of the data.</summary>
public sealed record ProbedLayer(string Name, int Width, double? Saturation, double? SaturationDimension, double? TwoNNDimension, double? InputBits, double? LabelBits);

/// <summary>One hidden layer's information-plane coordinates after one epoch (training part).</summary>
public sealed record EpochPlanePoint(int Epoch, string Layer, double InputBits, double LabelBits);

/// <summary>Reads the per-point JSON of a capacity map row: the final probe's layers and the per-epoch layers.</summary>
public static class PointMeasures
{
    /// <summary>The final probe's hidden layers on <paramref name="part"/> (<c>train</c> or <c>test</c>); empty when there was no probe.</summary>
    public static IReadOnlyList<ProbedLayer> FinalLayers(string? measuresJson, string part)
    {
        if (measuresJson is null)
        {
            return [];
        }
        using var document = JsonDocument.Parse(measuresJson);
        if (!TryPath(document.RootElement, out var layers, "layers", part, "layers") || layers.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return [.. layers.EnumerateArray().Select(l => new ProbedLayer(
            l.GetProperty("name").GetString() ?? "?",
            l.GetProperty("width").GetInt32(),
            Number(l, "saturation"), Number(l, "saturationDimension"), Number(l, "twoNNDimension"),
            Number(l, "renyiInputBits"), Number(l, "renyiLabelBits")))];
    }

    /// <summary>Every epoch's matrix-based Rényi I(X;T), I(T;Y) of each hidden layer on the training part, where measured.</summary>
    public static IReadOnlyList<EpochPlanePoint> InformationPlane(string? epochsJson)
    {
        if (epochsJson is null)
        {
            return [];
        }
        using var document = JsonDocument.Parse(epochsJson);
        var points = new List<EpochPlanePoint>();
        foreach (var epoch in document.RootElement.EnumerateArray())
        {
            if (!epoch.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var layer in layers.EnumerateArray())
            {
                if (layer.TryGetProperty("train", out var train) && train.ValueKind == JsonValueKind.Object
                    && Number(train, "inputBits") is { } x && Number(train, "labelBits") is { } y)
                {
                    points.Add(new EpochPlanePoint(epoch.GetProperty("epoch").GetInt32(), layer.GetProperty("name").GetString() ?? "?", x, y));
                }
            }
        }
        return points;
    }

    private static bool TryPath(JsonElement element, out JsonElement found, params string[] path)
    {
        found = element;
        foreach (var key in path)
        {
            if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(key, out found))
            {
                return false;
            }
        }
        return true;
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}

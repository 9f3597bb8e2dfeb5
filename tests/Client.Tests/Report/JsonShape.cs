using System.Text.Json;
using System.Text.Json.Nodes;

namespace CapacityGrid.Client.Tests.Report;

/// <summary>Where two JSON trees differ in shape: keys and their order, array lengths, and each value's kind (null, number, text...).</summary>
internal static class JsonShape
{
    /// <summary>One line per difference, naming its path.</summary>
    public static List<string> Differences(JsonNode? expected, JsonNode? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        var (expectedKind, actualKind) = (Kind(expected), Kind(actual));
        if (expectedKind != actualKind)
        {
            differences.Add($"{path}: {expectedKind} != {actualKind}");
            return;
        }
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                var (expectedKeys, actualKeys) = (e.Select(p => p.Key).ToList(), a.Select(p => p.Key).ToList());
                if (!expectedKeys.SequenceEqual(actualKeys))
                {
                    differences.Add($"{path}: keys [{string.Join(", ", expectedKeys)}] != [{string.Join(", ", actualKeys)}]");
                    return;
                }
                foreach (var key in expectedKeys)
                {
                    Compare(e[key], a[key], $"{path}.{key}", differences);
                }
                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: {e.Count} items != {a.Count}");
                    return;
                }
                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }
                return;
        }
    }

    private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;
}

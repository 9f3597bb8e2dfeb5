using System.Globalization;
using System.Text.Json;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// The dataset information estimates the knee's capacity is set against, read from the JSON of
/// <see cref="Measures.Dataset.DatasetMeasures"/> (camelCase). Every estimate is for the dataset as measured
/// (its <c>samples</c> rows): per-sample measures are multiplied by the sample count.
/// </summary>
public static class DatasetEstimates
{
    /// <summary>The names of the estimates, in the order they are reported.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["labelEntropy", "compression", "mecEstimate", "mecMax", "mecDictionary", "ksgMutualInformation", "prequential"];

    /// <summary>Every estimate of <see cref="Names"/>; an absent one has null bits and says why. Null JSON: all absent.</summary>
    public static IReadOnlyList<DatasetEstimate> FromMeasuresJson(string? json)
    {
        if (json is null)
        {
            return [.. Names.Select(n => new DatasetEstimate(n, null, "the dataset measures are not computed yet"))];
        }
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("samples", out var samplesElement) || samplesElement.ValueKind != JsonValueKind.Number)
        {
            var why = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) ? $"the dataset measures failed: {error}" : "the dataset measures have no sample count";
            return [.. Names.Select(n => new DatasetEstimate(n, null, why))];
        }
        var n = samplesElement.GetDouble();
        var rows = n.ToString("0", CultureInfo.InvariantCulture);
        return
        [
            PerSample("labelEntropy", Number(root, "labelEntropyBits"), n, $"H(Y) x {rows} samples: the labels' information"),
            PerSample("compression", Number(root, "compressedBitsPerSample", "best"), n, $"best lossless compression of the quantized features x {rows} samples: an upper bound on the inputs' information"),
            Total("mecEstimate", Number(root, "mec", "estimateBits"), Reason(root, "mec", "reason"), $"memory-equivalent capacity estimate over {rows} samples"),
            Total("mecMax", Number(root, "mec", "maxBits"), Reason(root, "mec", "reason"), $"memory-equivalent capacity upper bound over {rows} samples"),
            Total("mecDictionary", Number(root, "mec", "dictionaryBits"), Reason(root, "mec", "reason"), $"n log2 K over {rows} samples: a lookup table of the labels"),
            PerSample("ksgMutualInformation", Number(root, "mutualInformation", "ksgBits"), n, $"KSG I(X;Y) x {rows} samples", Reason(root, "mutualInformation", "ksgReason")),
            Total("prequential", Number(root, "prequential", "bits"), Reason(root, "prequential", "reason") ?? "the dataset measures have no prequential code length (measured before it was added)",
                $"prequential code length of the labels over {rows} samples ({Reason(root, "prequential", "learner")})"),
        ];
    }

    private static DatasetEstimate PerSample(string name, double? perSample, double samples, string note, string? reason = null) =>
        perSample is { } v ? new DatasetEstimate(name, v * samples, note) : new DatasetEstimate(name, null, reason ?? "not in the dataset measures");

    private static DatasetEstimate Total(string name, double? bits, string? reason, string note) =>
        bits is { } v ? new DatasetEstimate(name, v, note) : new DatasetEstimate(name, null, reason ?? "not in the dataset measures");

    private static double? Number(JsonElement element, params string[] path)
    {
        foreach (var key in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element))
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.Number && double.IsFinite(element.GetDouble()) ? element.GetDouble() : null;
    }

    private static string? Reason(JsonElement element, params string[] path)
    {
        foreach (var key in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element))
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    /// <summary>The rows the dataset measures describe (every estimate is over them), or null.</summary>
    public static double? SampleCount(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object ? Number(document.RootElement, "samples") : null;
    }

    /// <summary>The dataset's TwoNN intrinsic dimension from the same JSON (the first hidden layer's input dimension), or null.</summary>
    public static double? IntrinsicDimension(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object ? Number(document.RootElement, "intrinsicDimension", "twoNN") : null;
    }
}

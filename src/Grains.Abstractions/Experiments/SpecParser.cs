using System.Text.Json;
using System.Text.Json.Serialization;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>Reads an experiment spec from JSON, refusing unknown fields and naming the field at fault.</summary>
public static class SpecParser
{
    /// <summary>JSON settings for specs: camelCase, unknown fields refused, required fields enforced.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    /// <summary>Reads and validates the spec file at <paramref name="path"/>.</summary>
    /// <exception cref="SpecException">The file is missing, unparsable or invalid.</exception>
    public static ExperimentSpec ParseFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpecException("spec", $"file '{path}' not found");
        }
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses and validates spec JSON.</summary>
    /// <exception cref="SpecException">The JSON is unparsable or the spec invalid.</exception>
    public static ExperimentSpec Parse(string json)
    {
        ExperimentSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<ExperimentSpec>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw Explain(e);
        }
        if (spec is null)
        {
            throw new SpecException("spec", "is empty (null)");
        }
        SpecValidator.Validate(spec);
        return spec;
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/> as an experiment spec, or else as a bare dataset spec (the
    /// <c>dataset</c> section alone), and returns its dataset.
    /// </summary>
    /// <exception cref="SpecException">The file is missing, unparsable, or neither kind of spec.</exception>
    public static DatasetSpec ParseDatasetFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpecException("spec", $"file '{path}' not found");
        }
        var json = File.ReadAllText(path);
        using (var document = ParseDocument(json))
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("dataset", out _))
            {
                return Parse(json).Dataset;
            }
        }
        DatasetSpec? dataset;
        try
        {
            dataset = JsonSerializer.Deserialize<DatasetSpec>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw Explain(e, "dataset");
        }
        if (dataset is null)
        {
            throw new SpecException("dataset", "is empty (null)");
        }
        SpecValidator.ValidateDataset(dataset);
        return dataset;
    }

    private static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw Explain(e);
        }
    }

    /// <summary>Serializes a spec in the same format <see cref="Parse"/> reads.</summary>
    public static string ToJson(ExperimentSpec spec) => JsonSerializer.Serialize(spec, JsonOptions);

    private static SpecException Explain(JsonException e, string? root = null)
    {
        var path = root is null ? FieldName(e.Path) : FieldName(e.Path) == "spec" ? root : $"{root}.{FieldName(e.Path)}";
        var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return new SpecException(path, $"unknown field{line}");
        }
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var missing = message.Split("including:", 2) is [_, var rest] ? rest.Trim().TrimEnd('.') : "?";
            var at = path == "spec" ? "" : path + ".";
            return new SpecException($"{at}{missing.Trim('\'')}", $"required field missing{line}");
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal) || message.Contains("null", StringComparison.OrdinalIgnoreCase))
        {
            return new SpecException(path, $"has the wrong type or is null{line}");
        }
        return new SpecException(path, $"is not valid JSON{line}");
    }

    private static string FieldName(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "spec" : jsonPath.TrimStart('$', '.');
}

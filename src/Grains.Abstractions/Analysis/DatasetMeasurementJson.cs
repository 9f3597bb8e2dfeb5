using System.Text.Json;
using System.Text.Json.Serialization;
using CapacityGrid.Analysis.Measures.Dataset;

namespace CapacityGrid.Grains.Abstractions.Analysis;

/// <summary>Writes a <see cref="DatasetMeasurement"/> as its measures, or as <c>{ "error": ... }</c> when they failed; reads either back.</summary>
public sealed class DatasetMeasurementJson : JsonConverter<DatasetMeasurement>
{
    private const string ErrorKey = "error";

    /// <inheritdoc />
    public override DatasetMeasurement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(ErrorKey, out var error))
        {
            return new DatasetMeasurement(null, error.GetString());
        }
        return new DatasetMeasurement(root.Deserialize<DatasetMeasures>(options));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DatasetMeasurement value, JsonSerializerOptions options)
    {
        if (value.Measures is { } measures)
        {
            JsonSerializer.Serialize(writer, measures, options);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString(ErrorKey, value.Error);
        writer.WriteEndObject();
    }
}

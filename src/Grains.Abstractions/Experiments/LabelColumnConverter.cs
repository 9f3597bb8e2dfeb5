using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// Reads a CSV label column given either as a JSON number (a 0-based index) or as a string (a header
/// name, or digits for an index), and keeps it as text: <c>4</c> and <c>"4"</c> mean the same column.
/// </summary>
public sealed class LabelColumnConverter : JsonConverter<string>
{
    /// <inheritdoc/>
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number when reader.TryGetInt32(out var index) => index.ToString(CultureInfo.InvariantCulture),
            // No message: the serializer then reports the field's path, which the spec parser turns into "wrong type".
            _ => throw new JsonException(),
        };

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

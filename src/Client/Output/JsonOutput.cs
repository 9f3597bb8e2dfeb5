using System.Text.Json;
using System.Text.Json.Serialization;

namespace CapacityGrid.Client.Output;

/// <summary>The JSON settings of everything the CLI writes: camelCase, indented, nulls kept.</summary>
public static class JsonOutput
{
    /// <summary>Shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

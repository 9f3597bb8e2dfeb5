using System.Text.Json.Nodes;

namespace CapacityGrid.Client.Report.Figures;

/// <summary>Small builders for plotly figure JSON.</summary>
internal static class Plot
{
    /// <summary>A figure of <paramref name="traces"/> with axis titles (and a log x axis when asked).</summary>
    public static JsonObject Figure(IEnumerable<JsonObject> traces, string xTitle, string yTitle, bool logX = false, JsonObject? extraLayout = null)
    {
        var layout = new JsonObject
        {
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xTitle }, ["type"] = logX ? "log" : "-", ["automargin"] = true },
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle }, ["automargin"] = true },
            ["margin"] = new JsonObject { ["t"] = 30, ["r"] = 30 },
            ["hovermode"] = "closest",
            ["legend"] = new JsonObject { ["orientation"] = "h", ["y"] = -0.25 },
        };
        foreach (var (key, value) in extraLayout ?? [])
        {
            layout[key] = value?.DeepClone();
        }
        return new JsonObject { ["data"] = new JsonArray([.. traces]), ["layout"] = layout };
    }

    /// <summary>A JSON array of numbers (null where a value is missing).</summary>
    public static JsonArray Numbers(IEnumerable<double?> values) => new([.. values.Select(v => v is { } d && double.IsFinite(d) ? JsonValue.Create(d) : null)]);

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => Numbers(values.Select(v => (double?)v));

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>The knee as a red star labelled with its configuration, at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static JsonObject KneeMarker(double? x, double y, string key) => new()
    {
        ["type"] = "scatter", ["mode"] = "markers+text", ["name"] = "knee",
        ["x"] = Numbers([x]), ["y"] = Numbers([y]),
        ["text"] = Strings([$"knee {key}"]), ["textposition"] = "bottom right",
        ["marker"] = new JsonObject { ["size"] = 18, ["symbol"] = "star", ["color"] = "#d62728" },
    };
}

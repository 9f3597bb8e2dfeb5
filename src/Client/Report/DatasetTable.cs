using System.Globalization;
using System.Text;
using System.Text.Json;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Report;

/// <summary>The dataset's summary and information measures as an HTML table.</summary>
internal static class DatasetTable
{
    /// <summary>The table, or a paragraph saying why the measures are missing.</summary>
    public static string Render(CapacityMap map)
    {
        var d = map.Dataset;
        var html = new StringBuilder("<table class=\"measures\">");
        html.Append(Html.Header("measure", "value", "note"));
        html.Append(Html.Row("dataset", d.Description, ""));
        html.Append(Html.Row("samples (train / validation / test)", $"{d.TrainSamples} / {d.ValidationSamples} / {d.TestSamples}", ""));
        html.Append(Html.Row("features, classes", $"{d.Features}, {d.Classes}", ""));
        html.Append(Html.Row("label entropy (training part)", Html.Number(d.LabelEntropyBits, "0.0000") + " bits", ""));
        if (map.DatasetMeasures is { } m && m.TryGetProperty("samples", out _))
        {
            html.Append(Html.Row("feature entropy", Number(m, "0.0", "featureEntropyBitsPerSample") + " bits/sample", "quantized"));
            html.Append(Html.Row("best compression", Number(m, "0.0", "compressedBitsPerSample", "best") + " bits/sample", Text(m, "compressedBitsPerSample", "bestCompressor")));
            html.Append(Html.Row("intrinsic dimension (TwoNN)", Number(m, "0.0", "intrinsicDimension", "twoNN"), Text(m, "intrinsicDimension", "twoNNReason")));
            html.Append(Html.Row("intrinsic dimension (MLE)", Number(m, "0.0", "intrinsicDimension", "mle"), Text(m, "intrinsicDimension", "mleReason")));
            html.Append(Html.Row("memory-equivalent capacity estimate", Number(m, "0", "mec", "estimateBits") + " bits", Text(m, "mec", "reason")));
            html.Append(Html.Row("mutual information I(X;Y) (KSG)", Number(m, "0.000", "mutualInformation", "ksgBits") + " bits", Text(m, "mutualInformation", "ksgReason") ?? Text(m, "mutualInformation", "reduction")));
            html.Append(Html.Row("prequential code length of the labels", Number(m, "0", "prequential", "bits") + " bits", Text(m, "prequential", "reason") ?? Text(m, "prequential", "learner")));
        }
        html.Append("</table>");
        if (map.DatasetMeasures is not { } measures || !measures.TryGetProperty("samples", out _))
        {
            var why = map.DatasetMeasures is { } failed && failed.TryGetProperty("error", out var e) ? $"they failed: {e.GetString()}" : "they have not been computed yet";
            html.Append($"<p class=\"missing\">The dataset's information measures are missing: {Html.Text(why)}.</p>");
        }
        return html.ToString();
    }

    private static JsonElement? At(JsonElement element, string[] path)
    {
        foreach (var key in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element))
            {
                return null;
            }
        }
        return element;
    }

    private static string Number(JsonElement element, string format, params string[] path) =>
        At(element, path) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble().ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string? Text(JsonElement element, params string[] path) =>
        At(element, path) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}

using System.Globalization;
using System.Text;
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
        if (map.DatasetMeasures?.Measures is { } m)
        {
            html.Append(Html.Row("feature entropy", Number(m.FeatureEntropyBitsPerSample, "0.0") + " bits/sample", "quantized"));
            html.Append(Html.Row("best compression", Number(m.CompressedBitsPerSample?.Best, "0.0") + " bits/sample", m.CompressedBitsPerSample?.BestCompressor));
            html.Append(Html.Row("intrinsic dimension (TwoNN)", Number(m.IntrinsicDimension?.TwoNN, "0.0"), m.IntrinsicDimension?.TwoNNReason));
            html.Append(Html.Row("intrinsic dimension (MLE)", Number(m.IntrinsicDimension?.Mle, "0.0"), m.IntrinsicDimension?.MleReason));
            html.Append(Html.Row("memory-equivalent capacity estimate", Number(m.Mec?.EstimateBits, "0") + " bits", m.Mec?.Reason));
            html.Append(Html.Row("mutual information I(X;Y) (KSG)", Number(m.MutualInformation?.KsgBits, "0.000") + " bits", m.MutualInformation?.KsgReason ?? m.MutualInformation?.Reduction));
            html.Append(Html.Row("prequential code length of the labels", Number(m.Prequential?.Bits, "0") + " bits", m.Prequential?.Reason ?? m.Prequential?.Learner));
        }
        html.Append("</table>");
        if (map.DatasetMeasures?.Measures is null)
        {
            var why = map.DatasetMeasures?.Error is { } error ? $"they failed: {error}" : "they have not been computed yet";
            html.Append($"<p class=\"missing\">The dataset's information measures are missing: {Html.Text(why)}.</p>");
        }
        return html.ToString();
    }

    // Measures read back from storage or a file may predate a part: null then, whatever the record says.
    private static string Number(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}

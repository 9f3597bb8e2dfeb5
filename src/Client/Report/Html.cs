using System.Globalization;
using System.Net;

namespace CapacityGrid.Client.Report;

/// <summary>Text for HTML: every piece of text that reaches the report goes through <see cref="Text(string?)"/>.</summary>
internal static class Html
{
    /// <summary><paramref name="text"/> with &lt;, &gt;, &amp;, quotes and apostrophes escaped (safe in elements and quoted attributes).</summary>
    public static string Text(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number in invariant culture, or "-" when there is none.</summary>
    public static string Number(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    /// <summary>A table row of escaped cells.</summary>
    public static string Row(params string?[] cells) =>
        "<tr>" + string.Concat(cells.Select(c => $"<td>{Text(c)}</td>")) + "</tr>";

    /// <summary>A table header row of escaped cells.</summary>
    public static string Header(params string[] cells) =>
        "<tr>" + string.Concat(cells.Select(c => $"<th>{Text(c)}</th>")) + "</tr>";
}

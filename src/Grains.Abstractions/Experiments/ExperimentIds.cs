using System.Text.RegularExpressions;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// Experiment ids become blob container names (<c>cg-{id}</c>), so they are limited to lowercase letters,
/// digits and single hyphens, 56 characters at most. They also name output folders (<c>&lt;--out&gt;/{id}</c>), so
/// no id can hold a path separator, a dot, a percent sign, whitespace or any character outside ASCII.
/// </summary>
public static partial class ExperimentIds
{
    /// <summary>True when <paramref name="id"/> is a safe experiment id.</summary>
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    /// <summary>What a valid id looks like, for error messages.</summary>
    public const string Rule = "1-56 characters of a-z, 0-9 and single '-' between them";

    /// <summary>Throws unless <paramref name="id"/> is a safe experiment id.</summary>
    /// <exception cref="ArgumentException">The id is not safe.</exception>
    public static void EnsureValid(string id)
    {
        if (!IsValid(id))
        {
            throw new ArgumentException($"'{Printable(id)}' is not an experiment id ({Rule})", nameof(id));
        }
    }

    /// <summary>
    /// <paramref name="text"/> safe to print on one line: control and non-ASCII characters as <c>\uXXXX</c>,
    /// cut to 80 characters.
    /// </summary>
    public static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in text.Length > 80 ? text[..80] : text)
        {
            builder.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}");
        }
        return text.Length > 80 ? builder.Append("...").ToString() : builder.ToString();
    }

    // \z, not $: .NET's $ also matches before a final newline, which would let "abc\n" through.
    [GeneratedRegex(@"^(?=.{1,56}\z)[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex Pattern();
}

using System.Text;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// A spec that cannot run: names the field at fault and what is wrong with it. The message is one line of at most
/// <see cref="MaxMessageLength"/> characters, whatever text of the spec it quotes (control characters are shown as
/// <c>\uXXXX</c>).
/// </summary>
public sealed class SpecException(string field, string problem) : Exception(OneLine($"{field}: {problem}"))
{
    /// <summary>The longest message; longer ones are cut and end in "...".</summary>
    public const int MaxMessageLength = 500;

    /// <summary>The JSON path of the offending field, e.g. <c>grid.widths[0]</c>.</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong with it, in a few words.</summary>
    public string Problem { get; } = problem;

    private static string OneLine(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxMessageLength + 8));
        foreach (var c in text)
        {
            if (builder.Length >= MaxMessageLength)
            {
                return builder.Append("...").ToString();
            }
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return builder.ToString();
    }
}

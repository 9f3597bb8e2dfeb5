using System.Text;

namespace CapacityGrid.Analysis.Data.Csv;

/// <summary>
/// Splits one CSV line at commas. Fields may be quoted (<c>"a, b"</c>, with <c>""</c> for a quote inside);
/// unquoted fields are trimmed. A quoted field cannot span lines.
/// </summary>
internal static class CsvLineSplitter
{
    /// <summary>The fields of <paramref name="line"/>, or null and the <paramref name="problem"/> when its quoting is broken.</summary>
    public static string[]? Split(string line, out string? problem)
    {
        var fields = new List<string>();
        var quoted = new StringBuilder();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }
            if (i < line.Length && line[i] == '"')
            {
                var start = i++;
                quoted.Clear();
                while (true)
                {
                    if (i >= line.Length)
                    {
                        problem = $"the quoted field starting at character {start + 1} is not closed";
                        return null;
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            quoted.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    quoted.Append(line[i++]);
                }
                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }
                if (i < line.Length && line[i] != ',')
                {
                    problem = $"text follows the closing quote at character {i + 1}";
                    return null;
                }
                fields.Add(quoted.ToString());
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0)
                {
                    end = line.Length;
                }
                fields.Add(line[i..end].Trim());
                i = end;
            }
            if (i >= line.Length)
            {
                break;
            }
            i++;
            if (i == line.Length)
            {
                // A trailing comma ends the line with an empty field.
                fields.Add("");
                break;
            }
        }
        problem = null;
        return [.. fields];
    }
}

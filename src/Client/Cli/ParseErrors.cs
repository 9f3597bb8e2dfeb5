using System.CommandLine;
using System.Text.RegularExpressions;

namespace CapacityGrid.Client.Cli;

/// <summary>The one line capgrid prints for a command line it cannot parse.</summary>
public static partial class ParseErrors
{
    /// <summary>
    /// The most telling of <paramref name="parse"/>'s errors, in plain words: an unknown word rather than the
    /// "required command" that follows from it, and an option's expected type without .NET type names.
    /// </summary>
    public static string Describe(ParseResult parse)
    {
        var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
        var message = error.Message.ReplaceLineEndings(" ");
        if (CannotParse().Match(message) is { Success: true } match)
        {
            return $"{match.Groups["option"].Value}: '{match.Groups["value"].Value}' is not {Expected(match.Groups["type"].Value)}";
        }
        return message;
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ => "a value of the expected kind",
    };

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'")]
    private static partial Regex CannotParse();
}

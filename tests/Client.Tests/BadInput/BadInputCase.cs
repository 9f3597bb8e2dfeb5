namespace CapacityGrid.Client.Tests.BadInput;

/// <summary>
/// One row of the bad-input table: what is wrong, the command line that carries it (built in a workspace), the exit
/// code, and the one line capgrid must print on stderr: <c>{folder}</c> stands for the workspace's folder,
/// <c>{sha}</c> for a SHA-256 in hex and <c>{n}</c> for a number; everything else must match exactly.
/// </summary>
public sealed record BadInputCase(string Name, string Input, Func<BadInputWorkspace, string[]> Args, int ExitCode, string Error)
{
    /// <summary>True when <paramref name="line"/> is <see cref="Error"/> with its placeholders filled in.</summary>
    public bool Matches(string line, string folder)
    {
        var pattern = System.Text.RegularExpressions.Regex.Escape(Error)
            .Replace(@"\{folder}", System.Text.RegularExpressions.Regex.Escape(folder), StringComparison.Ordinal)
            .Replace(@"\{sha}", "[0-9a-f]{64}", StringComparison.Ordinal)
            .Replace(@"\{n}", "[0-9]+", StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.IsMatch(line, $"^{pattern}$");
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

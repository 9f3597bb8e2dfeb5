namespace CapacityGrid.Analysis.Data.Csv;

/// <summary>How to read a CSV dataset.</summary>
/// <param name="Label">
/// The label column: a 0-based index (digits only) or a header name. Null means the last column.
/// </param>
/// <param name="Header">What line 1 holds.</param>
public sealed record CsvOptions(string? Label = null, CsvHeaderMode Header = CsvHeaderMode.Auto)
{
    /// <summary>Last column as label, header detected.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>Reads a header mode by its name (<c>auto</c>, <c>none</c>, <c>names</c>, <c>sklearn</c>), ignoring case.</summary>
    /// <exception cref="ArgumentException">Not one of those names.</exception>
    public static CsvHeaderMode ParseHeader(string name) =>
        Enum.TryParse<CsvHeaderMode>(name, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(name, out _)
            ? mode
            : throw new ArgumentException($"unknown CSV header mode '{name}' (expected auto, none, names or sklearn)", nameof(name));
}

namespace CapacityGrid.Analysis.Data.Csv;

/// <summary>One non-blank line of a CSV file, split into trimmed fields, with its 1-based line number.</summary>
internal sealed record CsvRow(int Line, string[] Fields);

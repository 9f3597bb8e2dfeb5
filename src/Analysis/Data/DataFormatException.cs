namespace CapacityGrid.Analysis.Data;

/// <summary>A data file that cannot be read: names the file and the offset or line at fault.</summary>
public sealed class DataFormatException(string file, string where, string problem)
    : Exception($"{file}: {where}: {problem}")
{
    /// <summary>The file at fault.</summary>
    public string File { get; } = file;
}

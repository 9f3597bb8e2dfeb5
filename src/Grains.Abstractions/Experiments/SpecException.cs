namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>A spec that cannot run: names the field at fault and what is wrong with it.</summary>
public sealed class SpecException(string field, string problem) : Exception($"{field}: {problem}")
{
    /// <summary>The JSON path of the offending field, e.g. <c>grid.widths[0]</c>.</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong with it, in a few words.</summary>
    public string Problem { get; } = problem;
}

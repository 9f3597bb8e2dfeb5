namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>The hidden-layer shapes a grid sweeps (see <see cref="GridSpec"/>).</summary>
public static class GridShapes
{
    /// <summary>Every hidden layer of the same width.</summary>
    public const string Uniform = "uniform";

    /// <summary>The width halving from one hidden layer to the next.</summary>
    public const string Funnel = "funnel";

    /// <summary>The width doubling up to the given width at the last hidden layer.</summary>
    public const string Expanding = "expanding";

    /// <summary>Uniform, but for one narrow layer whose width the grid sweeps.</summary>
    public const string Hourglass = "hourglass";

    /// <summary>The shapes a spec may name.</summary>
    public static readonly string[] All = [Uniform, Funnel, Expanding, Hourglass];

    /// <summary>The hidden widths of one width x depth x shape; an hourglass gives one per bottleneck width.</summary>
    public static IEnumerable<int[]> Of(string shape, int width, int depth, GridSpec grid) => shape switch
    {
        Uniform => [Enumerable.Repeat(width, depth).ToArray()],
        Funnel => [Enumerable.Range(0, depth).Select(i => Math.Max(1, width >> i)).ToArray()],
        Expanding => [Enumerable.Range(0, depth).Select(i => Math.Max(1, width >> (depth - 1 - i))).ToArray()],
        Hourglass => (grid.BottleneckWidths ?? []).Select(b =>
        {
            var hidden = Enumerable.Repeat(width, depth).ToArray();
            hidden[BottleneckIndex(grid, depth)] = b;
            return hidden;
        }),
        _ => throw new ArgumentException($"grid.shapes: unknown shape '{shape}'"),
    };

    /// <summary>The 0-based hidden layer an hourglass narrows: the spec's <c>BottleneckLayer</c>, or the middle.</summary>
    public static int BottleneckIndex(GridSpec grid, int depth) => (grid.BottleneckLayer ?? (depth + 1) / 2) - 1;
}

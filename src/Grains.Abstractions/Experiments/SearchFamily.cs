namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// A line of the grid along its width axis: one shape at one depth (for an hourglass, also at one outer width, and the
/// axis is the bottleneck's width). Adaptive search refines along these lines.
/// </summary>
/// <param name="Shape">One of <see cref="GridShapes.All"/>.</param>
/// <param name="Depth">Hidden layers.</param>
/// <param name="OuterWidth">An hourglass's width outside its bottleneck; null for the other shapes.</param>
[GenerateSerializer, Immutable, Alias("capacitygrid.search-family")]
public sealed record SearchFamily(
    [property: Id(0)] string Shape,
    [property: Id(1)] int Depth,
    [property: Id(2)] int? OuterWidth = null)
{
    /// <summary>Every family of a spec's widths x depths x shapes, in grid order (explicit layers belong to none).</summary>
    public static IReadOnlyList<SearchFamily> All(GridSpec grid)
    {
        var families = new List<SearchFamily>();
        foreach (var shape in grid.Shapes ?? [GridShapes.Uniform])
        {
            foreach (var depth in grid.Depths)
            {
                if (shape == GridShapes.Hourglass)
                {
                    families.AddRange(grid.Widths.Select(w => new SearchFamily(shape, depth, w)));
                }
                else
                {
                    families.Add(new SearchFamily(shape, depth));
                }
            }
        }
        return families;
    }

    /// <summary>The grid's own widths along this family's axis (bottleneck widths for an hourglass).</summary>
    public IReadOnlyList<int> GridWidths(GridSpec grid) =>
        Shape == GridShapes.Hourglass ? grid.BottleneckWidths ?? [] : grid.Widths;

    /// <summary>The hidden widths at axis width <paramref name="width"/>.</summary>
    public int[] Hidden(int width, GridSpec grid) => Shape == GridShapes.Hourglass
        ? GridShapes.Of(Shape, OuterWidth!.Value, Depth, grid with { BottleneckWidths = [width] }).Single()
        : GridShapes.Of(Shape, width, Depth, grid).Single();

    /// <summary>The axis width of <paramref name="hidden"/> if it lies on this family, else null.</summary>
    public int? AxisWidth(int[] hidden, GridSpec grid)
    {
        if (hidden.Length != Depth)
        {
            return null;
        }
        var width = Shape switch
        {
            GridShapes.Hourglass => hidden[GridShapes.BottleneckIndex(grid, Depth)],
            GridShapes.Expanding => hidden[^1],
            _ => hidden[0],
        };
        return Hidden(width, grid).SequenceEqual(hidden) ? width : null;
    }
}

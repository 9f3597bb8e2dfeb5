using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>Expands a spec's grid into points whose ids are stable hashes of their configuration.</summary>
public static class GridPlanner
{
    /// <summary>
    /// Every width x depth x shape (in that nesting order), then every explicit shape, each with every seed.
    /// A shape that two combinations give alike (a funnel of depth 1 is uniform) is trained once. With a random
    /// search (<see cref="SearchSpec"/>) only its sample of these shapes, still in grid order. With <c>grid.cnn</c>,
    /// every conv channel list comes before each of those shapes (its head).
    /// </summary>
    public static IReadOnlyList<GridPoint> Expand(ExperimentSpec spec)
    {
        var shapes = Configurations(spec.Grid);
        if (spec.Search is { Strategy: SearchSpec.Random, Samples: { } samples } search)
        {
            shapes = Sample(shapes, samples, search.Seed ?? 1);
        }
        return Points(spec, shapes);
    }

    /// <summary>The distinct hidden-layer shapes of the full grid, in grid order (seeds not counted).</summary>
    public static IReadOnlyList<int[]> Configurations(GridSpec grid)
    {
        var shapes = new List<int[]>();
        foreach (var width in grid.Widths)
        {
            foreach (var depth in grid.Depths)
            {
                foreach (var shape in grid.Shapes ?? [GridShapes.Uniform])
                {
                    shapes.AddRange(GridShapes.Of(shape, width, depth, grid));
                }
            }
        }
        shapes.AddRange(grid.Layers ?? []);
        var seen = new HashSet<string>();
        return [.. shapes.Where(h => seen.Add(string.Join(',', h)))];
    }

    /// <summary>
    /// One point per shape and seed of the spec's grid, shape by shape; with <c>grid.cnn</c>, each shape is the
    /// fully connected head behind every conv channel list.
    /// </summary>
    public static IReadOnlyList<GridPoint> Points(ExperimentSpec spec, IEnumerable<int[]> shapes)
    {
        var grid = spec.Grid;
        var heads = shapes.ToList();
        var stacks = grid.Cnn is { } cnn
            ? cnn.Channels.Select(c => (Channels: c, Conv: (GridConv?)new GridConv(c.Length, cnn.Kernel, cnn.Pool, cnn.Input)))
            : [(Channels: Array.Empty<int>(), Conv: (GridConv?)null)];
        var points = new List<GridPoint>();
        var seen = new HashSet<string>();
        foreach (var (channels, conv) in stacks)
        {
            foreach (var head in heads.Where(h => seen.Add($"{string.Join(',', channels)}|{string.Join(',', h)}")))
            {
                int[] hidden = [.. channels, .. head];
                foreach (var seed in grid.Seeds)
                {
                    points.Add(new GridPoint(PointId(spec, hidden, seed, conv), hidden, seed, grid.Activation, conv));
                }
            }
        }
        return points;
    }

    // A partial Fisher-Yates shuffle with a seeded generator (System.Random's seeded sequence is fixed across
    // .NET versions), then back into grid order: the same seed always picks the same shapes.
    private static List<int[]> Sample(IReadOnlyList<int[]> shapes, int samples, int seed)
    {
        var order = Enumerable.Range(0, shapes.Count).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < samples; i++)
        {
            var j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return [.. order.Take(samples).Order().Select(i => shapes[i])];
    }

    /// <summary>
    /// 16 hex digits of the SHA-256 of everything that decides the point's result: the dataset, the
    /// training settings, the shape, the activation, the seed and, for a CNN, its conv layers (MLP ids leave that part out).
    /// The same configuration always gets the same id.
    /// </summary>
    public static string PointId(ExperimentSpec spec, int[] hidden, int seed, GridConv? conv = null)
    {
        var canonical = string.Join('|',
            JsonSerializer.Serialize(spec.Dataset, SpecParser.JsonOptions),
            JsonSerializer.Serialize(spec.Training, SpecParser.JsonOptions),
            string.Join(',', hidden),
            spec.Grid.Activation,
            seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (conv is not null)
        {
            canonical += "|cnn " + JsonSerializer.Serialize(conv, SpecParser.JsonOptions);
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}

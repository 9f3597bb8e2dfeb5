using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>Expands a spec's grid into points whose ids are stable hashes of their configuration.</summary>
public static class GridPlanner
{
    /// <summary>
    /// Every width x depth x shape (in that nesting order), then every explicit shape, each with every seed.
    /// A shape that two combinations give alike (a funnel of depth 1 is uniform) is trained once.
    /// With <c>grid.cnn</c>, every conv channel list comes before each of those shapes (its head).
    /// </summary>
    public static IReadOnlyList<GridPoint> Expand(ExperimentSpec spec)
    {
        var grid = spec.Grid;
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
        var stacks = grid.Cnn is { } cnn
            ? cnn.Channels.Select(c => (Channels: c, Conv: (GridConv?)new GridConv(c.Length, cnn.Kernel, cnn.Pool, cnn.Input)))
            : [(Channels: Array.Empty<int>(), Conv: (GridConv?)null)];
        var points = new List<GridPoint>(shapes.Count * grid.Seeds.Length);
        var seen = new HashSet<string>();
        foreach (var (channels, conv) in stacks)
        {
            foreach (var head in shapes.Where(h => seen.Add($"{string.Join(',', channels)}|{string.Join(',', h)}")))
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

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>Expands a spec's grid into points whose ids are stable hashes of their configuration.</summary>
public static class GridPlanner
{
    /// <summary>Every width x depth x seed, in that nesting order.</summary>
    public static IReadOnlyList<GridPoint> Expand(ExperimentSpec spec)
    {
        var points = new List<GridPoint>(spec.Grid.Widths.Length * spec.Grid.Depths.Length * spec.Grid.Seeds.Length);
        foreach (var width in spec.Grid.Widths)
        {
            foreach (var depth in spec.Grid.Depths)
            {
                foreach (var seed in spec.Grid.Seeds)
                {
                    var hidden = Enumerable.Repeat(width, depth).ToArray();
                    points.Add(new GridPoint(PointId(spec, hidden, seed), hidden, seed, spec.Grid.Activation));
                }
            }
        }
        return points;
    }

    /// <summary>
    /// 16 hex digits of the SHA-256 of everything that decides the point's result: the dataset, the
    /// training settings, the shape, the activation and the seed. The same configuration always gets the same id.
    /// </summary>
    public static string PointId(ExperimentSpec spec, int[] hidden, int seed)
    {
        var canonical = string.Join('|',
            JsonSerializer.Serialize(spec.Dataset, SpecParser.JsonOptions),
            JsonSerializer.Serialize(spec.Training, SpecParser.JsonOptions),
            string.Join(',', hidden),
            spec.Grid.Activation,
            seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}

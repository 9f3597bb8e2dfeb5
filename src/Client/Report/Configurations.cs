using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Client.Report;

/// <summary>The grid's configurations aggregated over seeds: the analysis's own when the map has one, else computed from the finished points.</summary>
public static class Configurations
{
    /// <summary>The configurations of <paramref name="map"/>, smallest first.</summary>
    public static IReadOnlyList<ConfigurationSummary> Of(CapacityMap map)
    {
        if (map.Analysis is { Configurations.Count: > 0 } analysis)
        {
            return [.. analysis.Configurations.OrderBy(c => c.ParameterCount)];
        }
        return [.. map.Points
            .Where(p => p.Status == PointStatus.Finished && p.TestAccuracy is not null)
            .GroupBy(p => Key(p.HiddenWidths))
            .Select(Summarise)
            .OrderBy(c => c.ParameterCount)];
    }

    /// <summary>The key of a shape, e.g. <c>64-32</c>.</summary>
    public static string Key(int[] hiddenWidths) => string.Join('-', hiddenWidths);

    /// <summary>Whether every hidden layer of the configuration has the same width.</summary>
    public static bool IsUniform(int[] hiddenWidths) => hiddenWidths.Length > 0 && hiddenWidths.All(w => w == hiddenWidths[0]);

    private static ConfigurationSummary Summarise(IGrouping<string, CapacityMapRow> seeds)
    {
        var first = seeds.First();
        var accuracies = seeds.Select(p => p.TestAccuracy!.Value).ToArray();
        var mean = accuracies.Average();
        var std = accuracies.Length > 1 ? Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1)) : 0.0;
        return new ConfigurationSummary(
            seeds.Key, first.HiddenWidths, first.Depth, first.ParameterCount,
            Mean(seeds.Select(p => p.ArchitectureCapacityBits)), Mean(seeds.Select(p => p.WeightEntropyBits)),
            mean, std, accuracies.Length, [.. seeds.Select(p => p.PointId)], Mean(seeds.Select(p => p.TrainAccuracy)));
    }

    private static double? Mean(IEnumerable<double?> values) =>
        values.Where(v => v is not null).Select(v => v!.Value).ToArray() is { Length: > 0 } present ? present.Average() : null;
}

namespace CapacityGrid.Analysis.Capacity;

/// <summary>Groups finished points by shape and aggregates them across seeds.</summary>
public static class Configurations
{
    /// <summary>One <see cref="ConfigurationStats"/> per shape, by parameter count then key.</summary>
    /// <exception cref="ArgumentException">A point's test accuracy is not finite.</exception>
    public static IReadOnlyList<ConfigurationStats> Aggregate(IEnumerable<CapacityPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return
        [
            .. points
                .GroupBy(p => p.Key, StringComparer.Ordinal)
                .Select(g => Of(g.Key, [.. g.OrderBy(p => p.Seed).ThenBy(p => p.PointId, StringComparer.Ordinal)]))
                .OrderBy(c => c.ParameterCount).ThenBy(c => c.Key, StringComparer.Ordinal),
        ];
    }

    private static ConfigurationStats Of(string key, IReadOnlyList<CapacityPoint> seeds)
    {
        foreach (var p in seeds)
        {
            if (!double.IsFinite(p.TestAccuracy))
            {
                throw new ArgumentException($"point '{p.PointId}' has a non-finite test accuracy", nameof(seeds));
            }
        }
        var first = seeds[0];
        var accuracies = seeds.Select(p => p.TestAccuracy).ToArray();
        return new ConfigurationStats(
            key,
            first.HiddenWidths,
            first.ParameterCount,
            Mean(seeds.Select(p => p.ArchitectureBits)),
            Mean(seeds.Select(p => p.WeightEntropyBits)),
            accuracies.Average(),
            SampleStd(accuracies),
            Mean(seeds.Select(p => p.TrainAccuracy)),
            seeds.Count,
            [.. seeds.Select(p => p.PointId)],
            [.. first.HiddenWidths.Select((width, i) => Layer(i, width, seeds))]);
    }

    private static LayerStats Layer(int index, int width, IReadOnlyList<CapacityPoint> seeds)
    {
        var observed = seeds.Select(p => p.Layers is { } l && index < l.Count ? l[index] : null).ToArray();
        var name = observed.FirstOrDefault(o => o is not null)?.Name ?? $"fc{index + 1}";
        var saturation = observed.Select(o => o?.Saturation).Where(v => v is { } s && double.IsFinite(s)).ToArray();
        var note = observed.Any(o => o is null) ? "the layer was not probed"
            : observed.Select(o => o!.Saturation is null ? o.SaturationReason ?? "saturation not measured" : null).FirstOrDefault(r => r is not null)
              ?? observed.Select(o => o!.OutputDimension is null ? o.OutputDimensionReason ?? "output dimension not measured" : null).FirstOrDefault(r => r is not null);
        return new LayerStats(index, name, width, Mean(saturation), Mean(observed.Select(o => o?.OutputDimension)), saturation.Length, note);
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToArray();
        return present.Length == 0 ? null : present.Average();
    }

    /// <summary>The sample standard deviation (n - 1 in the denominator); 0 for fewer than two values.</summary>
    public static double SampleStd(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}

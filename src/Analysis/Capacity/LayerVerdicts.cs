using System.Globalization;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// Per-layer verdicts from the grid and the layers' measures. A hidden layer i of configuration C is
/// <list type="bullet">
/// <item><b>a bottleneck</b> when it is under pressure - its mean saturation is at least <see cref="SaturatedAt"/>, or it
/// is narrower than the intrinsic dimension of its input (the dataset's TwoNN dimension for the first layer, the
/// previous layer's output TwoNN dimension otherwise) - and the grid holds a configuration equal to C but for a wider
/// layer i whose mean test accuracy is higher than C's by more than the tolerance;</item>
/// <item><b>oversized</b> when its mean saturation is below <see cref="LowSaturationBelow"/> and the grid holds a
/// configuration equal to C but for a narrower layer i whose mean test accuracy is at most the tolerance below C's.</item>
/// </list>
/// The tolerance is the knee's (the larger of 0.5 pp and the best configuration's seed spread). A verdict is
/// valid only when both configurations compared have at least <see cref="MinSeeds"/> seeds and the layer's saturation
/// was measured; otherwise it is reported with the reason.
/// </summary>
public static class LayerVerdicts
{
    /// <summary>
    /// The name of <paramref name="kind"/> in the capacity map and on the wire (<c>bottleneck</c>, <c>oversized</c>): the
    /// Orleans record <c>LayerVerdict</c> keeps it a string so that maps and messages of earlier versions still read.
    /// </summary>
    public static string Name(LayerVerdictKind kind) => kind switch
    {
        LayerVerdictKind.Bottleneck => "bottleneck",
        LayerVerdictKind.Oversized => "oversized",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a layer verdict kind"),
    };

    /// <summary>Mean saturation at or above which a layer counts as saturated: it uses at least 90 % of its directions.</summary>
    public const double SaturatedAt = 0.9;

    /// <summary>Mean saturation below which a layer counts as under-used: fewer than half its directions carry 99 % of the variance.</summary>
    public const double LowSaturationBelow = 0.5;

    /// <summary>Seeds each compared configuration needs for a valid verdict (a spread needs two).</summary>
    public const int MinSeeds = 2;

    /// <summary>Every verdict the grid supports, bottlenecks first.</summary>
    /// <param name="configurations">The grid's configurations.</param>
    /// <param name="tolerance">The knee's tolerance, as a fraction of accuracy.</param>
    /// <param name="inputDimension">The dataset's intrinsic dimension (the first layer's input), or null.</param>
    public static IReadOnlyList<LayerFinding> Find(IReadOnlyList<ConfigurationStats> configurations, double tolerance, double? inputDimension)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        var findings = new List<LayerFinding>();
        foreach (var c in configurations)
        {
            for (var i = 0; i < c.HiddenWidths.Length; i++)
            {
                var input = i == 0 ? inputDimension : c.Layers[i - 1].MeanOutputDimension;
                if (BottleneckOf(c, i, configurations, tolerance, input) is { } b)
                {
                    findings.Add(b);
                }
                if (OversizedOf(c, i, configurations, tolerance) is { } o)
                {
                    findings.Add(o);
                }
            }
        }
        return
        [
            .. findings
                .OrderBy(f => f.Kind == LayerVerdictKind.Bottleneck ? 0 : 1)
                .ThenBy(f => f.Valid ? 0 : 1)
                .ThenBy(f => configurations.First(c => c.Key == f.Configuration).ParameterCount)
                .ThenBy(f => f.LayerIndex),
        ];
    }

    private static LayerFinding? BottleneckOf(ConfigurationStats c, int i, IReadOnlyList<ConfigurationStats> grid, double tolerance, double? inputDimension)
    {
        var wider = Siblings(c, i, grid, w => w > c.HiddenWidths[i])
            .OrderByDescending(s => s.MeanTestAccuracy).ThenBy(s => s.HiddenWidths[i])
            .FirstOrDefault();
        if (wider is null || wider.MeanTestAccuracy - c.MeanTestAccuracy <= tolerance)
        {
            return null;
        }
        var layer = c.Layers[i];
        var saturated = layer.MeanSaturation >= SaturatedAt;
        var narrow = inputDimension is { } d && layer.Width < d;
        if (!saturated && !narrow && layer.MeanSaturation is not null)
        {
            return null;
        }
        var numbers = new Dictionary<string, double>
        {
            ["width"] = layer.Width,
            ["widerWidth"] = wider.HiddenWidths[i],
            ["meanTestAccuracy"] = c.MeanTestAccuracy,
            ["widerMeanTestAccuracy"] = wider.MeanTestAccuracy,
            ["gain"] = wider.MeanTestAccuracy - c.MeanTestAccuracy,
            ["tolerance"] = tolerance,
            ["saturatedAt"] = SaturatedAt,
        };
        Add(numbers, "saturation", layer.MeanSaturation);
        Add(numbers, "inputDimension", inputDimension);
        var pressure = new List<string>();
        if (layer.MeanSaturation is { } s)
        {
            pressure.Add($"saturation {F(s, "0.00")}{(saturated ? "" : " (below " + F(SaturatedAt, "0.00") + ")")}");
        }
        if (narrow)
        {
            pressure.Add($"narrower than its input's intrinsic dimension {F(inputDimension!.Value, "0.0")}");
        }
        var evidence = $"{layer.Name} of {c.Key} is a bottleneck: {(pressure.Count == 0 ? "saturation not measured" : string.Join(", ", pressure))}; " +
            $"widening it to {wider.HiddenWidths[i]}{(wider.Key == F(wider.HiddenWidths[i], "0") ? "" : $" ({wider.Key})")} raises mean test accuracy from {F(c.MeanTestAccuracy, "0.000")} to {F(wider.MeanTestAccuracy, "0.000")} " +
            $"(+{Pp(wider.MeanTestAccuracy - c.MeanTestAccuracy)} pp, beyond the {Pp(tolerance)} pp tolerance).";
        return Finding(c, wider, i, LayerVerdictKind.Bottleneck, evidence, numbers);
    }

    private static LayerFinding? OversizedOf(ConfigurationStats c, int i, IReadOnlyList<ConfigurationStats> grid, double tolerance)
    {
        var layer = c.Layers[i];
        if (layer.MeanSaturation is { } measured && measured >= LowSaturationBelow)
        {
            return null;
        }
        var narrower = Siblings(c, i, grid, w => w < c.HiddenWidths[i])
            .Where(s => c.MeanTestAccuracy - s.MeanTestAccuracy <= tolerance)
            .OrderBy(s => s.HiddenWidths[i])
            .FirstOrDefault();
        if (narrower is null)
        {
            return null;
        }
        var numbers = new Dictionary<string, double>
        {
            ["width"] = layer.Width,
            ["narrowerWidth"] = narrower.HiddenWidths[i],
            ["meanTestAccuracy"] = c.MeanTestAccuracy,
            ["narrowerMeanTestAccuracy"] = narrower.MeanTestAccuracy,
            ["cost"] = c.MeanTestAccuracy - narrower.MeanTestAccuracy,
            ["tolerance"] = tolerance,
            ["lowSaturationBelow"] = LowSaturationBelow,
        };
        Add(numbers, "saturation", layer.MeanSaturation);
        var saturation = layer.MeanSaturation is { } s ? $"saturation {F(s, "0.00")} (below {F(LowSaturationBelow, "0.00")})" : "saturation not measured";
        var evidence = $"{layer.Name} of {c.Key} is oversized: {saturation}; narrowing it to {narrower.HiddenWidths[i]} ({narrower.Key}) " +
            $"keeps mean test accuracy within the {Pp(tolerance)} pp tolerance ({F(narrower.MeanTestAccuracy, "0.000")} against {F(c.MeanTestAccuracy, "0.000")}).";
        return Finding(c, narrower, i, LayerVerdictKind.Oversized, evidence, numbers);
    }

    private static LayerFinding Finding(ConfigurationStats c, ConfigurationStats other, int i, LayerVerdictKind kind, string evidence, Dictionary<string, double> numbers)
    {
        var layer = c.Layers[i];
        var problems = new List<string>();
        if (c.Seeds < MinSeeds || other.Seeds < MinSeeds)
        {
            problems.Add($"too few seeds ({c.Key}: {c.Seeds}, {other.Key}: {other.Seeds}; a valid verdict needs {MinSeeds} each)");
        }
        if (layer.MeanSaturation is null)
        {
            problems.Add($"no saturation for {layer.Name}: {layer.Note ?? "not measured"}");
        }
        numbers["seeds"] = c.Seeds;
        numbers["otherSeeds"] = other.Seeds;
        return new LayerFinding(c.Key, i, layer.Name, kind, evidence, numbers, [.. c.PointIds, .. other.PointIds],
            problems.Count == 0, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    // Configurations of the same depth that differ from c in layer i alone, with a layer-i width that passes the filter.
    private static IEnumerable<ConfigurationStats> Siblings(ConfigurationStats c, int i, IReadOnlyList<ConfigurationStats> grid, Func<int, bool> width) =>
        grid.Where(s => s.HiddenWidths.Length == c.HiddenWidths.Length
            && width(s.HiddenWidths[i])
            && s.HiddenWidths.Select((w, j) => j == i || w == c.HiddenWidths[j]).All(same => same));

    private static void Add(Dictionary<string, double> numbers, string name, double? value)
    {
        if (value is { } v)
        {
            numbers[name] = v;
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Pp(double fraction) => F(fraction * 100, "0.0");
}

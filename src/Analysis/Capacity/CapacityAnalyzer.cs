using System.Globalization;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// The capacity map's analysis: finished points aggregated by shape, the knee over parameter count
/// (<see cref="Knee"/>), the knee's capacity against every dataset estimate present, and the layer verdicts
/// (<see cref="LayerVerdicts"/>).
/// </summary>
public static class CapacityAnalyzer
{
    /// <summary>The capacity measures of the knee set against the dataset's estimates.</summary>
    public static readonly IReadOnlyList<string> Capacities = ["parameters", "architectureBits", "weightEntropyBits"];

    /// <summary>Analyses the finished points of a grid.</summary>
    /// <param name="finished">Finished points only (their test accuracy is final).</param>
    /// <param name="datasetEstimates">The dataset's information estimates; absent ones are skipped with a note.</param>
    /// <param name="inputDimension">The dataset's intrinsic dimension, the first hidden layer's input, or null.</param>
    /// <param name="minTolerance">The knee's tolerance floor (default 0.5 pp).</param>
    /// <param name="datasetSamples">The rows the dataset estimates are over; with it the variational bound on I(X;Y) is added (<see cref="MutualInformationBound"/>).</param>
    public static CapacityReport Analyze(
        IEnumerable<CapacityPoint> finished,
        IReadOnlyList<DatasetEstimate> datasetEstimates,
        double? inputDimension,
        double minTolerance = Knee.DefaultMinTolerance,
        double? datasetSamples = null)
    {
        ArgumentNullException.ThrowIfNull(datasetEstimates);
        var points = finished.ToList();
        var configurations = Configurations.Aggregate(points);
        var notes = new List<string>();
        var (added, flag) = MutualInformationBound.Of(datasetEstimates, points, datasetSamples);
        datasetEstimates = [.. datasetEstimates, .. added];
        if (flag is not null)
        {
            notes.Add(flag);
        }
        var pick = Knee.Find([.. configurations.Select(c => new KneeCandidate(c.Key, c.ParameterCount, c.MeanTestAccuracy, c.StdTestAccuracy, c.Seeds))], minTolerance);
        if (pick is null)
        {
            notes.Add("no finished points yet: no knee and no verdicts");
            return new CapacityReport(configurations, null, [], notes);
        }
        var knee = configurations.First(c => c.Key == pick.Knee.Key);
        var best = configurations.First(c => c.Key == pick.Best.Key);
        var ratios = Ratios(knee, datasetEstimates, notes);
        if (configurations.Any(c => c.Seeds < LayerVerdicts.MinSeeds))
        {
            notes.Add($"some configurations have fewer than {LayerVerdicts.MinSeeds} finished seeds: their spread is unknown and their verdicts are not valid");
        }
        if (inputDimension is null)
        {
            notes.Add("the dataset's intrinsic dimension is unknown: first layers are judged by saturation alone");
        }
        return new CapacityReport(configurations, new KneeFinding(knee, best, pick.Tolerance, ratios), LayerVerdicts.Find(configurations, pick.Tolerance, inputDimension), notes);
    }

    /// <summary>One sentence on the knee, for a recommendation's evidence.</summary>
    public static string Describe(KneeFinding knee)
    {
        ArgumentNullException.ThrowIfNull(knee);
        var c = knee.Configuration;
        var pp = (knee.Tolerance * 100).ToString("0.0", CultureInfo.InvariantCulture);
        return $"{c.Key} ({c.ParameterCount.ToString(CultureInfo.InvariantCulture)} parameters) is the smallest configuration whose mean test accuracy " +
            $"{c.MeanTestAccuracy.ToString("0.000", CultureInfo.InvariantCulture)} is within {pp} pp of the best, " +
            $"{knee.Best.Key} at {knee.Best.MeanTestAccuracy.ToString("0.000", CultureInfo.InvariantCulture)}.";
    }

    private static List<CapacityRatioValue> Ratios(ConfigurationStats knee, IReadOnlyList<DatasetEstimate> estimates, List<string> notes)
    {
        var capacities = new (string Name, double? Value)[]
        {
            ("parameters", knee.ParameterCount),
            ("architectureBits", knee.ArchitectureBits),
            ("weightEntropyBits", knee.WeightEntropyBits),
        };
        foreach (var (name, _) in capacities.Where(c => c.Value is null))
        {
            notes.Add($"the knee has no {name}: no ratio for it");
        }
        foreach (var e in estimates.Where(e => e.Bits is not (> 0)))
        {
            notes.Add(e.Bits is null ? $"dataset estimate {e.Name} absent: {e.Note}" : $"dataset estimate {e.Name} is not positive: no ratio for it");
        }
        return
        [
            .. from c in capacities
               where c.Value is not null
               from e in estimates
               where e.Bits is > 0
               select new CapacityRatioValue(c.Name, e.Name, c.Value!.Value, e.Bits!.Value, c.Value!.Value / e.Bits!.Value, e.Name == MutualInformationBound.Larger ? e.Note : null),
        ];
    }
}

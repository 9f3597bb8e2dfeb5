using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Capacity.Law;
using CapacityGrid.Client.Report;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Relate;

/// <summary>
/// Turns the capacity maps <c>relate</c> is given (files, folders holding them, or experiment ids under the maps
/// folder) into one observation per experiment: the knee's capacity, its grid step and the dataset's estimates.
/// </summary>
internal static class LawInputs
{
    /// <summary>The capacity-map.json files <paramref name="inputs"/> name, each once.</summary>
    /// <exception cref="SpecException">An input is neither a map file, a folder with maps, nor the id of a saved map.</exception>
    public static IReadOnlyList<string> MapFiles(IReadOnlyList<string> inputs, string mapsFolder)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                files.Add(Path.GetFullPath(input));
            }
            else if (Directory.Exists(input))
            {
                var found = Directory.GetFiles(input, "capacity-map.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    throw new SpecException(input, "folder holds no capacity-map.json");
                }
                files.AddRange(found.Select(Path.GetFullPath));
            }
            else if (ExperimentIds.IsValid(input) && Path.Combine(mapsFolder, input, "capacity-map.json") is var saved && File.Exists(saved))
            {
                files.Add(Path.GetFullPath(saved));
            }
            else
            {
                throw new SpecException(input, $"not a capacity-map.json, a folder of them, or an experiment id with a map under {mapsFolder}");
            }
        }
        return [.. files.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The observation of one map.</summary>
    /// <exception cref="SpecException">The map has no knee yet.</exception>
    public static LawObservation Observe(string path, CapacityMap map, string capacity)
    {
        if (map.Analysis?.Knee is not { } knee)
        {
            throw new SpecException(path, $"experiment '{map.ExperimentId}' has no knee yet (its points have not ended); relate needs finished maps");
        }
        var value = capacity == "parameters" ? knee.Configuration.ParameterCount : knee.Configuration.ArchitectureBits ?? double.NaN;
        var estimates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var ratio in knee.Ratios.Where(r => r.Capacity == "parameters"))
        {
            estimates[ratio.DatasetEstimate] = ratio.DatasetBits;
        }
        if (IntrinsicDimension(map) is { } dimension)
        {
            estimates["intrinsicDimension"] = dimension;
        }
        return new LawObservation(map.ExperimentId, map.Dataset.Description, value, StepFactor(map.Analysis, knee.Configuration, capacity), estimates);
    }

    // The capacity ratio between the knee and its neighbours on the knee's line of the grid (same depth), the
    // geometric mean of the steps below and above it; 2 when the line has one configuration.
    private static double StepFactor(CapacityAnalysis analysis, ConfigurationSummary knee, string capacity)
    {
        double Of(ConfigurationSummary c) => capacity == "parameters" ? c.ParameterCount : c.ArchitectureBits ?? double.NaN;
        var line = analysis.Configurations.Where(c => c.Depth == knee.Depth && double.IsFinite(Of(c)) && Of(c) > 0)
            .OrderBy(Of).ToList();
        var at = line.FindIndex(c => c.Key == knee.Key);
        var ratios = new List<double>();
        if (at > 0)
        {
            ratios.Add(Of(line[at]) / Of(line[at - 1]));
        }
        if (at >= 0 && at < line.Count - 1)
        {
            ratios.Add(Of(line[at + 1]) / Of(line[at]));
        }
        var usable = ratios.Where(r => r > 1).ToList();
        return usable.Count == 0 ? 2 : Math.Exp(usable.Average(Math.Log));
    }

    private static double? IntrinsicDimension(CapacityMap map) => DatasetEstimates.IntrinsicDimension(map.DatasetMeasures?.Measures);

    /// <summary>Reads a map, turning the report loader's error into the relate command's.</summary>
    public static CapacityMap Read(string path)
    {
        try
        {
            return CapacityMapFile.Read(path);
        }
        catch (ReportException e)
        {
            throw new SpecException(path, e.Message.StartsWith(path, StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message);
        }
    }
}

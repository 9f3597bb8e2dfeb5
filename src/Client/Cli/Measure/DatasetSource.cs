using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Data.Csv;
using CapacityGrid.Analysis.Data.Idx;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Datasets;

namespace CapacityGrid.Client.Cli.Measure;

/// <summary>
/// What <c>capgrid measure dataset</c> reads: a CSV file (label = last column unless named), an IDX
/// folder (its training part), or a spec file (an
/// experiment spec, whose dataset is measured). Measures see the data as stored, before standardisation.
/// </summary>
public static class DatasetSource
{
    /// <summary>Loads the samples a source names.</summary>
    /// <exception cref="SpecException">The source does not exist or is not a kind we read.</exception>
    public static (TabularData Data, string Description) Load(string source, string? label = null)
    {
        if (Directory.Exists(source))
        {
            return (IdxReader.LoadFolder(source).Train, $"idx {source} (training part)");
        }
        if (!File.Exists(source))
        {
            throw new SpecException("source", $"'{source}' is neither a file nor a folder");
        }
        if (source.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var dataset = SpecParser.ParseDatasetFile(source);
            return (DatasetCache.LoadRaw(dataset), $"{dataset.Kind} dataset of {source}");
        }
        if (source.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
        {
            var csv = CsvReader.Load(source, new CsvOptions(label));
            return (csv.Data, $"csv {source}, label {csv.LabelName}");
        }
        throw new SpecException("source", $"'{source}': expected a CSV file (.csv, .csv.gz), an IDX folder or a spec (.json)");
    }
}

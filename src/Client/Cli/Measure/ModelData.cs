using CapacityGrid.Analysis.Data;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Datasets;

namespace CapacityGrid.Client.Cli.Measure;

/// <summary>
/// The data <c>capgrid measure model --probe-data</c> probes a model on, standardised as the model saw it in training.
/// A spec (.json) gives its dataset's split as a grid point trains on it (<see cref="DatasetCache.Load"/>,
/// standardised with the training part's statistics): the probe runs on the test part, and pruning may use the
/// whole split. A CSV file or an IDX folder (<see cref="DatasetSource"/>) gives one set of samples, standardised
/// with its own mean and standard deviation; it has no split, so it cannot be pruned on.
/// </summary>
/// <param name="Samples">The rows to probe on, standardised.</param>
/// <param name="Split">The spec's train/test split, for pruning; null for a CSV file or an IDX folder.</param>
/// <param name="Description">What the samples are, for the output.</param>
public sealed record ModelData(TabularData Samples, DataSplit? Split, string Description)
{
    /// <summary>Loads the data a source names.</summary>
    /// <exception cref="SpecException">The source does not exist or is not a kind we read.</exception>
    /// <exception cref="DataFormatException">A data file that cannot be read.</exception>
    public static ModelData Load(string source, string? label = null)
    {
        if (File.Exists(source) && source.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var spec = SpecParser.ParseFile(source);
            var split = DatasetCache.Load(spec.Dataset);
            return new ModelData(split.Test, split, $"test part of the dataset of spec {spec.Name} ({split.Description})");
        }
        var (data, description) = DatasetSource.Load(source, label);
        var own = new DataSplit(data, data, description).Standardised();
        return new ModelData(own.Test, null, $"{description}, standardised with its own mean and deviation");
    }
}

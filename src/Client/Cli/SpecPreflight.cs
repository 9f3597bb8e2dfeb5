using CapacityGrid.Analysis.Data;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Sizing;

namespace CapacityGrid.Client.Cli;

/// <summary>Checks, before anything starts, that files a spec names exist on this machine (the embedded silo reads them here).</summary>
public static class SpecPreflight
{
    private static readonly string[] IdxFiles = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>
    /// Throws a <see cref="SpecException"/> naming the first missing file, or the file and line or offset at fault
    /// when a data file cannot be read: bad data is refused before an experiment is created, not by every point.
    /// Returns the shape of the data read (null for generated data, which is not generated here).
    /// </summary>
    public static DataShape? CheckLocalFiles(ExperimentSpec spec)
    {
        switch (spec.Dataset.TypedKind)
        {
            case DatasetKind.Idx:
                CheckIdxFolder(spec.Dataset.Path!);
                break;
            case DatasetKind.Csv:
                CheckCsvFile(spec.Dataset.Path!);
                break;
            default:
                return null;
        }
        try
        {
            return DataShape.Of(DatasetCache.Load(spec.Dataset));
        }
        catch (Exception e) when (e is DataFormatException or ArgumentException or IOException or InvalidDataException)
        {
            throw new SpecException("dataset.path", e.Message.ReplaceLineEndings(" "));
        }
    }

    private static void CheckIdxFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SpecException("dataset.path", $"folder '{folder}' not found (for Fashion-MNIST: apt-get install dataset-fashion-mnist)");
        }
        foreach (var stem in IdxFiles)
        {
            var plain = Path.Combine(folder, stem);
            if (!File.Exists(plain) && !File.Exists(plain + ".gz"))
            {
                throw new SpecException("dataset.path", $"'{folder}' lacks {stem}[.gz]");
            }
        }
    }

    private static void CheckCsvFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }
        var hint = path.Contains("/sklearn/", StringComparison.Ordinal) ? " (for scikit-learn's sample data: apt-get install python3-sklearn)" : "";
        var problem = Directory.Exists(path) ? $"'{path}' is a folder, not a CSV file" : $"file '{path}' not found{hint}";
        throw new SpecException("dataset.path", problem);
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Data.Idx;
using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Datasets;

/// <summary>
/// Loads each dataset once per silo process and shares it among the trainers of that silo.
/// Loading runs on the thread pool, never on a grain's scheduler.
/// </summary>
public sealed class DatasetCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<DataSplit>>> _loaded = new();

    /// <summary>The standardised train/test split a spec describes.</summary>
    public Task<DataSplit> GetAsync(DatasetSpec spec)
    {
        var key = JsonSerializer.Serialize(spec, SpecParser.JsonOptions);
        var lazy = _loaded.GetOrAdd(key, _ => new Lazy<Task<DataSplit>>(() => Task.Run(() => Load(spec))));
        var task = lazy.Value;
        if (task.IsFaulted)
        {
            // A failed load (a missing file, say) is not cached: the next request tries again.
            _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<DataSplit>>>(key, lazy));
        }
        return task;
    }

    /// <summary>
    /// The samples a spec names as stored, before splitting and standardisation (for dataset measures):
    /// all generated samples, or the training files of an IDX folder.
    /// </summary>
    public static TabularData LoadRaw(DatasetSpec spec) => spec.Kind switch
    {
        "teacher" => new TeacherDataset(spec.InputDim, spec.TeacherHidden ?? [], spec.Classes, spec.Samples, spec.LabelNoise, spec.Seed).Generate(),
        "idx" => IdxReader.LoadFolder(spec.Path!).Train,
        _ => throw new ArgumentException($"dataset.kind: unknown dataset kind '{spec.Kind}'"),
    };

    /// <summary>Builds the split without caching.</summary>
    public static DataSplit Load(DatasetSpec spec)
    {
        var split = spec.Kind switch
        {
            "teacher" => DataSplit.Holdout(
                new TeacherDataset(spec.InputDim, spec.TeacherHidden ?? [], spec.Classes, spec.Samples, spec.LabelNoise, spec.Seed).Generate(),
                spec.TestFraction,
                spec.Seed,
                $"teacher {spec.InputDim}-{string.Join('-', spec.TeacherHidden ?? [])}-{spec.Classes}, {spec.Samples} samples, noise {spec.LabelNoise}"),
            "idx" => FromIdx(spec.Path!),
            _ => throw new ArgumentException($"dataset.kind: unknown dataset kind '{spec.Kind}'"),
        };
        return split.LimitTrain(spec.MaxTrainSamples).Standardised();
    }

    private static DataSplit FromIdx(string folder)
    {
        var (train, test) = IdxReader.LoadFolder(folder);
        return new DataSplit(train, test, $"idx {folder}");
    }
}

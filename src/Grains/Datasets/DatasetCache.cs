using System.Collections.Concurrent;
using System.Text.Json;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Data.Csv;
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
    /// The samples a spec names as stored, before standardisation (for dataset measures): all generated or CSV
    /// samples, or the training files of an IDX folder. With <see cref="DatasetSpec.MaxTrainSamples"/>, only the
    /// training rows the grid trains on: the measures then describe the data the models see, and take a fraction
    /// of the time on a large dataset.
    /// </summary>
    public static TabularData LoadRaw(DatasetSpec spec)
    {
        if (spec.MaxTrainSamples is not null)
        {
            return Split(spec).LimitTrain(spec.MaxTrainSamples).Train;
        }
        return KindOf(spec) == DatasetKind.Idx ? IdxReader.LoadFolder(spec.Path!).Train : Samples(spec).Data;
    }

    /// <summary>
    /// Builds the split without caching: train, validation and test parts, standardised with statistics of the
    /// training part only.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown kind, or too few samples for the shares asked for.</exception>
    /// <exception cref="Analysis.Data.DataFormatException">A data file that cannot be read; names the file and the line or offset.</exception>
    public static DataSplit Load(DatasetSpec spec) => Split(spec).LimitTrain(spec.MaxTrainSamples).Standardised();

    // Train, validation and test parts as stored.
    private static DataSplit Split(DatasetSpec spec)
    {
        if (KindOf(spec) == DatasetKind.Idx)
        {
            var (train, test) = IdxReader.LoadFolder(spec.Path!);
            return new DataSplit(train, test, $"idx {spec.Path}").WithValidation(spec.ValidationFraction, spec.Seed);
        }
        var (data, description) = Samples(spec);
        return DataSplit.Holdout(data, spec.TestFraction, spec.ValidationFraction, spec.Seed, description);
    }

    // The spec's kind, refused as an argument when it names none (the spec did not pass SpecValidator).
    private static DatasetKind KindOf(DatasetSpec spec) => DatasetKinds.TryParse(spec.Kind, out var kind)
        ? kind
        : throw new ArgumentException($"dataset.kind: {DatasetKinds.Unknown(spec.Kind)}", nameof(spec));

    // Every kind but idx: one set of samples that the spec's fractions split.
    private static (TabularData Data, string Description) Samples(DatasetSpec spec) => KindOf(spec) switch
    {
        DatasetKind.Teacher => Teacher(spec),
        DatasetKind.RandomLabels => (new RandomLabelsDataset(spec.InputDim, spec.Classes, spec.Samples, spec.Seed).Generate(),
            $"random labels, {spec.Classes} classes, {spec.InputDim} inputs, {spec.Samples} samples"),
        DatasetKind.GaussianMixture => (new GaussianMixtureDataset(spec.InputDim, spec.Classes, spec.Samples, spec.Separation, spec.LabelNoise, spec.Seed).Generate(),
            $"gaussian mixture, {spec.Classes} classes {spec.Separation} apart, {spec.InputDim} inputs, {spec.Samples} samples, noise {spec.LabelNoise}"),
        DatasetKind.Csv => FromCsv(spec),
        _ => throw new ArgumentException($"dataset.kind: '{spec.Kind}' is read from its folder, not split from samples"),
    };

    private static (TabularData Data, string Description) Teacher(DatasetSpec spec)
    {
        var teacher = new TeacherDataset(spec.InputDim, spec.TeacherHidden ?? [], spec.Classes, spec.Samples, spec.LabelNoise, spec.Seed, spec.Binding ?? false);
        try
        {
            var (data, binding) = teacher.GenerateChecked();
            return (data, teacher.Describe(binding));
        }
        catch (InvalidOperationException e)
        {
            // No binding teacher of that shape: the spec asks for something that cannot be generated.
            throw new ArgumentException(e.Message, e);
        }
    }

    private static (TabularData Data, string Description) FromCsv(DatasetSpec spec)
    {
        var set = CsvReader.Load(spec.Path!, new CsvOptions(spec.Label, CsvOptions.ParseHeader(spec.Header)));
        var classes = set.ClassNames.Count <= 12
            ? string.Join(", ", set.ClassNames)
            : $"{string.Join(", ", set.ClassNames.Take(12))}, ...";
        return (set.Data, $"csv {spec.Path}: {set.Data.Samples} x {set.Data.FeatureCount}, label {set.LabelName} ({classes})");
    }
}

using System.Text.RegularExpressions;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>Checks a parsed spec's values; the first problem found is thrown as a <see cref="SpecException"/>.</summary>
public static partial class SpecValidator
{
    /// <summary>Largest layer width the grid accepts.</summary>
    public const int MaxWidth = 65_536;

    /// <summary>Largest number of hidden layers the grid accepts.</summary>
    public const int MaxDepth = 64;

    /// <summary>Largest fixed subsample of the information plane: its cost grows as the cube of it.</summary>
    public const int MaxInformationSamples = 2000;

    /// <summary>The header modes a csv dataset may name.</summary>
    public static readonly string[] CsvHeaderModes = ["auto", "none", "names", "sklearn"];

    /// <summary>Validates every field of <paramref name="spec"/>.</summary>
    public static void Validate(ExperimentSpec spec)
    {
        if (!SafeName().IsMatch(spec.Name))
        {
            throw new SpecException("name", $"must be 1-40 characters of a-z, 0-9 and single '-' between them (got '{ExperimentIds.Printable(spec.Name)}')");
        }
        ValidateDataset(spec.Dataset);
        ValidateGrid(spec.Grid);
        ValidateTraining(spec.Training);
        if (spec.Measures is { } measures)
        {
            ValidateMeasures(measures);
        }
        if (spec.Search is { } search)
        {
            SearchValidator.Validate(search, spec.Grid);
        }
    }

    private static void ValidateMeasures(MeasuresSpec m)
    {
        if (m.InformationSamples < 3)
        {
            throw new SpecException("measures.informationSamples", $"must be at least 3 (got {m.InformationSamples})");
        }
        if (m.InformationSamples > MaxInformationSamples)
        {
            throw new SpecException("measures.informationSamples", $"must be at most {MaxInformationSamples}: the information plane's cost grows as its cube (got {m.InformationSamples})");
        }
    }

    /// <summary>Validates a dataset spec on its own (fields named as in an experiment spec: <c>dataset.*</c>).</summary>
    public static void ValidateDataset(DatasetSpec d)
    {
        if (!DatasetKinds.TryParse(d.Kind, out var kind))
        {
            throw new SpecException("dataset.kind", DatasetKinds.Unknown(d.Kind));
        }
        if (kind == DatasetKind.Idx && string.IsNullOrWhiteSpace(d.Path))
        {
            throw new SpecException("dataset.path", "an idx dataset needs the folder holding its files");
        }
        if (kind == DatasetKind.Csv)
        {
            ValidateCsv(d);
        }
        if (!kind.IsFile())
        {
            ValidateSynthetic(d);
        }
        if (d.Classes is < 2 or > 100_000)
        {
            throw new SpecException("dataset.classes", $"must be at least 2 (got {d.Classes})");
        }
        ValidateShares(d);
        if (d.MaxTrainSamples is { } m)
        {
            Positive("dataset.maxTrainSamples", m, int.MaxValue);
        }
    }

    private static void ValidateCsv(DatasetSpec d)
    {
        if (string.IsNullOrWhiteSpace(d.Path))
        {
            throw new SpecException("dataset.path", "a csv dataset needs the path of its file");
        }
        if (!CsvHeaderModes.Contains(d.Header))
        {
            throw new SpecException("dataset.header", $"unknown header mode '{d.Header}' (expected one of: {string.Join(", ", CsvHeaderModes)})");
        }
        if (d.Label is { } label)
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                throw new SpecException("dataset.label", "must name a column (a header name or a 0-based index), or be left out for the last column");
            }
            if (label.StartsWith('-') && int.TryParse(label, out _))
            {
                throw new SpecException("dataset.label", $"a column index counts from 0 (got {label})");
            }
            if (d.Header is "sklearn" or "none" && !label.All(char.IsAsciiDigit))
            {
                throw new SpecException("dataset.label", $"with header '{d.Header}' no column has a name: give a 0-based index (got '{label}')");
            }
        }
    }

    private static void ValidateSynthetic(DatasetSpec d)
    {
        Positive("dataset.inputDim", d.InputDim, 100_000);
        Positive("dataset.samples", d.Samples, 10_000_000);
        if (d.Samples < 10)
        {
            throw new SpecException("dataset.samples", $"needs at least 10 samples (got {d.Samples})");
        }
        if (d.TypedKind == DatasetKind.Teacher)
        {
            for (var i = 0; i < (d.TeacherHidden?.Length ?? 0); i++)
            {
                Positive($"dataset.teacherHidden[{i}]", d.TeacherHidden![i], MaxWidth);
            }
        }
        if (d.LabelNoise is < 0 or > 1 || double.IsNaN(d.LabelNoise))
        {
            throw new SpecException("dataset.labelNoise", $"must lie in [0, 1] (got {d.LabelNoise})");
        }
        if (d.Binding is not null && d.TypedKind != DatasetKind.Teacher)
        {
            throw new SpecException("dataset.binding", $"applies to teacher datasets only (kind is '{d.Kind}')");
        }
        if (d.TypedKind == DatasetKind.GaussianMixture && !(d.Separation >= 0 && d.Separation <= 1e6))
        {
            throw new SpecException("dataset.separation", $"must be a distance between 0 and 1e6 (got {d.Separation})");
        }
    }

    private static void ValidateShares(DatasetSpec d)
    {
        if (d.TestFraction is <= 0 or >= 1 || double.IsNaN(d.TestFraction))
        {
            throw new SpecException("dataset.testFraction", $"must lie strictly between 0 and 1 (got {d.TestFraction})");
        }
        if (d.ValidationFraction is < 0 or >= 1 || double.IsNaN(d.ValidationFraction))
        {
            throw new SpecException("dataset.validationFraction", $"must lie in [0, 1) (got {d.ValidationFraction})");
        }
        // idx data brings its own test files, so only the validation share comes out of the training files.
        if (d.TypedKind != DatasetKind.Idx && d.TestFraction + d.ValidationFraction >= 1)
        {
            throw new SpecException("dataset.validationFraction", $"with testFraction {d.TestFraction} it leaves nothing to train on: the two must add up to less than 1 (got {d.ValidationFraction})");
        }
    }

    private static void ValidateGrid(GridSpec g)
    {
        if (g.Layers is not { Length: > 0 })
        {
            NonEmpty("grid.widths", g.Widths);
            NonEmpty("grid.depths", g.Depths);
        }
        else if (g.Widths.Length == 0 != (g.Depths.Length == 0))
        {
            throw new SpecException(g.Widths.Length == 0 ? "grid.widths" : "grid.depths", "widths and depths go together: give both, or neither beside grid.layers");
        }
        NonEmpty("grid.seeds", g.Seeds);
        ValidateShapes(g);
        for (var i = 0; i < g.Widths.Length; i++)
        {
            Positive($"grid.widths[{i}]", g.Widths[i], MaxWidth);
        }
        for (var i = 0; i < g.Depths.Length; i++)
        {
            Positive($"grid.depths[{i}]", g.Depths[i], MaxDepth);
        }
        Distinct("grid.widths", g.Widths);
        Distinct("grid.depths", g.Depths);
        Distinct("grid.seeds", g.Seeds);
        if (!ActivationKinds.TryParse(g.Activation, out _))
        {
            throw new SpecException("grid.activation", ActivationKinds.Unknown(g.Activation));
        }
        if (g.Cnn is { } cnn)
        {
            ValidateCnn(cnn);
        }
    }

    private static void ValidateShapes(GridSpec g)
    {
        var shapes = g.Shapes ?? [GridShapes.Uniform];
        NonEmpty("grid.shapes", shapes);
        for (var i = 0; i < shapes.Length; i++)
        {
            if (!GridShapes.All.Contains(shapes[i]))
            {
                throw new SpecException($"grid.shapes[{i}]", $"unknown shape '{shapes[i]}' (expected one of: {string.Join(", ", GridShapes.All)})");
            }
        }
        if (shapes.Contains(GridShapes.Hourglass))
        {
            if (g.BottleneckWidths is not { Length: > 0 })
            {
                throw new SpecException("grid.bottleneckWidths", "an hourglass shape needs the bottleneck widths to sweep");
            }
            for (var i = 0; i < g.BottleneckWidths.Length; i++)
            {
                Positive($"grid.bottleneckWidths[{i}]", g.BottleneckWidths[i], MaxWidth);
            }
            if (g.BottleneckLayer is { } layer && (layer < 1 || layer > g.Depths.DefaultIfEmpty(0).Min()))
            {
                throw new SpecException("grid.bottleneckLayer", $"must lie between 1 and the smallest depth, {g.Depths.DefaultIfEmpty(0).Min()} (got {layer})");
            }
        }
        for (var i = 0; i < (g.Layers?.Length ?? 0); i++)
        {
            var hidden = g.Layers![i];
            if (hidden is null || hidden.Length == 0 || hidden.Length > MaxDepth)
            {
                throw new SpecException($"grid.layers[{i}]", $"must list 1 to {MaxDepth} hidden-layer widths");
            }
            for (var j = 0; j < hidden.Length; j++)
            {
                Positive($"grid.layers[{i}][{j}]", hidden[j], MaxWidth);
            }
        }
    }

    private static void ValidateTraining(TrainingSpec t)
    {
        Positive("training.epochs", t.Epochs, 100_000);
        Positive("training.batchSize", t.BatchSize, 1_000_000);
        if (!OptimizerKinds.TryParse(t.Optimizer, out _))
        {
            throw new SpecException("training.optimizer", OptimizerKinds.Unknown(t.Optimizer));
        }
        if (!(t.LearningRate > 0 && t.LearningRate < 100))
        {
            throw new SpecException("training.learningRate", $"must be a positive number below 100 (got {t.LearningRate})");
        }
        if (t.Momentum is < 0 or >= 1 || double.IsNaN(t.Momentum))
        {
            throw new SpecException("training.momentum", $"must lie in [0, 1) (got {t.Momentum})");
        }
        if (t.WeightDecay < 0 || !double.IsFinite(t.WeightDecay))
        {
            throw new SpecException("training.weightDecay", $"must be zero or positive (got {t.WeightDecay})");
        }
        if (t.EarlyStopping is { } early)
        {
            Positive("training.earlyStopping.patience", early.Patience, 100_000);
            if (!(early.MinDelta >= 0) || !double.IsFinite(early.MinDelta))
            {
                throw new SpecException("training.earlyStopping.minDelta", $"must be zero or a positive number (got {early.MinDelta})");
            }
        }
        if (t.Device is not null && !DeviceKinds.TryParse(t.Device, out _))
        {
            throw new SpecException("training.device", DeviceKinds.Unknown(t.Device));
        }
        if (t.CheckpointEvery is { } every)
        {
            Positive("training.checkpointEvery", every, 100_000);
        }
    }

    private static void Positive(string field, int value, int max)
    {
        if (value < 1)
        {
            throw new SpecException(field, $"must be a positive integer (got {value})");
        }
        if (value > max)
        {
            throw new SpecException(field, $"must be at most {max} (got {value})");
        }
    }

    private static void NonEmpty<T>(string field, T[] values)
    {
        if (values.Length == 0)
        {
            throw new SpecException(field, "must list at least one value");
        }
    }

    private static void Distinct(string field, int[] values)
    {
        if (values.Distinct().Count() != values.Length)
        {
            throw new SpecException(field, "lists a value twice");
        }
    }

    // Experiment names become part of blob container names: lowercase, digits, single hyphens.
    // \z, not $: .NET's $ also matches before a final newline.
    [GeneratedRegex(@"^(?=.{1,40}\z)[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex SafeName();
}

using CapacityGrid.Analysis;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>The words that name each <see cref="DatasetKind"/> in a spec, and what each kind implies.</summary>
public static class DatasetKinds
{
    private static readonly KindWords<DatasetKind> Words = new("dataset kind", "a dataset kind", (DatasetKind.Teacher, "teacher"), (DatasetKind.RandomLabels, "random-labels"), (DatasetKind.GaussianMixture, "gaussian-mixture"), (DatasetKind.Csv, "csv"), (DatasetKind.Idx, "idx"));

    /// <summary>Every kind's word, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names => Words.Names;

    /// <summary>The word a spec uses for <paramref name="kind"/>.</summary>
    public static string Name(DatasetKind kind) => Words.Name(kind);

    /// <summary>The kind <paramref name="name"/> names (exactly, as specs spell it), or false.</summary>
    public static bool TryParse(string? name, out DatasetKind kind) => Words.TryParse(name, out kind);

    /// <summary>What is wrong with a kind word <see cref="TryParse"/> refused: <c>unknown dataset kind 'x' (expected one of: ...)</c>.</summary>
    public static string Unknown(string? name) => $"unknown dataset kind '{name}' (expected one of: {string.Join(", ", Names)})";

    /// <summary>True for kinds read from files (csv, idx); false for generated data.</summary>
    public static bool IsFile(this DatasetKind kind) => kind is DatasetKind.Csv or DatasetKind.Idx;
}

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>The words that name each <see cref="DatasetKind"/> in a spec, and what each kind implies.</summary>
public static class DatasetKinds
{
    private static readonly (DatasetKind Kind, string Name)[] Words =
    [
        (DatasetKind.Teacher, "teacher"),
        (DatasetKind.RandomLabels, "random-labels"),
        (DatasetKind.GaussianMixture, "gaussian-mixture"),
        (DatasetKind.Csv, "csv"),
        (DatasetKind.Idx, "idx"),
    ];

    /// <summary>Every kind's word, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Words.Select(w => w.Name)];

    /// <summary>The word a spec uses for <paramref name="kind"/>.</summary>
    public static string Name(DatasetKind kind) =>
        Words.Where(w => w.Kind == kind).Select(w => w.Name).FirstOrDefault()
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a dataset kind");

    /// <summary>The kind <paramref name="name"/> names (exactly, as specs spell it), or false.</summary>
    public static bool TryParse(string? name, out DatasetKind kind)
    {
        foreach (var w in Words)
        {
            if (string.Equals(w.Name, name, StringComparison.Ordinal))
            {
                kind = w.Kind;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>What is wrong with a kind word <see cref="TryParse"/> refused: <c>unknown dataset kind 'x' (expected one of: ...)</c>.</summary>
    public static string Unknown(string? name) => $"unknown dataset kind '{name}' (expected one of: {string.Join(", ", Names)})";

    /// <summary>True for kinds read from files (csv, idx); false for generated data.</summary>
    public static bool IsFile(this DatasetKind kind) => kind is DatasetKind.Csv or DatasetKind.Idx;
}

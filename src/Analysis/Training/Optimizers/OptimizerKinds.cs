namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>The words that name each <see cref="OptimizerKind"/> in a spec, a run's hash and a checkpoint's optimizer state.</summary>
public static class OptimizerKinds
{
    private static readonly (OptimizerKind Kind, string Name)[] Words =
    [
        (OptimizerKind.Adam, "adam"),
        (OptimizerKind.Sgd, "sgd"),
    ];

    /// <summary>Every kind's word, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Words.Select(w => w.Name)];

    /// <summary>The word a spec uses for <paramref name="kind"/>.</summary>
    public static string Name(OptimizerKind kind) =>
        Words.Where(w => w.Kind == kind).Select(w => w.Name).FirstOrDefault()
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an optimizer kind");

    /// <summary>The kind <paramref name="name"/> names (exactly, as specs spell it), or false.</summary>
    public static bool TryParse(string? name, out OptimizerKind kind)
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
}

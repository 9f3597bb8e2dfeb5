namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>The words that name each <see cref="OptimizerKind"/> in a spec, a run's hash and a checkpoint's optimizer state.</summary>
public static class OptimizerKinds
{
    private static readonly KindWords<OptimizerKind> Words = new("optimizer", "an optimizer kind", (OptimizerKind.Adam, "adam"), (OptimizerKind.Sgd, "sgd"));

    /// <summary>Every kind's word, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names => Words.Names;

    /// <summary>The word a spec uses for <paramref name="kind"/>.</summary>
    public static string Name(OptimizerKind kind) => Words.Name(kind);

    /// <summary>The kind <paramref name="name"/> names (exactly, as specs spell it), or false.</summary>
    public static bool TryParse(string? name, out OptimizerKind kind) => Words.TryParse(name, out kind);

    /// <summary>What is wrong with a word no kind has, as specs and errors say it.</summary>
    public static string Unknown(string? word) => Words.Unknown(word);
}

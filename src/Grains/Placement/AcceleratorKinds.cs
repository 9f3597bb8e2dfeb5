namespace CapacityGrid.Grains.Placement;

/// <summary>The words that name each <see cref="AcceleratorKind"/> in configuration and in silo metadata.</summary>
public static class AcceleratorKinds
{
    private static readonly (AcceleratorKind Kind, string Name)[] Words =
    [
        (AcceleratorKind.Cpu, "cpu"),
        (AcceleratorKind.Gpu, "gpu"),
    ];

    /// <summary>Every kind's word, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Words.Select(w => w.Name)];

    /// <summary>The word configuration and silo metadata use for <paramref name="kind"/>.</summary>
    public static string Name(AcceleratorKind kind) =>
        Words.Where(w => w.Kind == kind).Select(w => w.Name).FirstOrDefault()
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an accelerator kind");

    /// <summary>The kind <paramref name="name"/> names (exactly, lowercase), or false.</summary>
    public static bool TryParse(string? name, out AcceleratorKind kind)
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

namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>The words that name each <see cref="DeviceKind"/> in a spec.</summary>
public static class DeviceKinds
{
    private static readonly (DeviceKind Kind, string Name)[] Words =
    [
        (DeviceKind.Auto, "auto"),
        (DeviceKind.Cpu, "cpu"),
        (DeviceKind.Cuda, "cuda"),
    ];

    /// <summary>Every kind's word, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Words.Select(w => w.Name)];

    /// <summary>The word a spec uses for <paramref name="kind"/>.</summary>
    public static string Name(DeviceKind kind) =>
        Words.Where(w => w.Kind == kind).Select(w => w.Name).FirstOrDefault()
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a device kind");

    /// <summary>The kind <paramref name="name"/> names (exactly, as specs spell it), or false.</summary>
    public static bool TryParse(string? name, out DeviceKind kind)
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

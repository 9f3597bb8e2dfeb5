namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>The words that name each <see cref="DeviceKind"/> in a spec.</summary>
public static class DeviceKinds
{
    private static readonly KindWords<DeviceKind> Words = new("device", "a device kind", (DeviceKind.Auto, "auto"), (DeviceKind.Cpu, "cpu"), (DeviceKind.Cuda, "cuda"));

    /// <summary>Every kind's word, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names => Words.Names;

    /// <summary>The word a spec uses for <paramref name="kind"/>.</summary>
    public static string Name(DeviceKind kind) => Words.Name(kind);

    /// <summary>The kind <paramref name="name"/> names (exactly, as specs spell it), or false.</summary>
    public static bool TryParse(string? name, out DeviceKind kind) => Words.TryParse(name, out kind);

    /// <summary>What is wrong with a word no kind has, as specs and errors say it.</summary>
    public static string Unknown(string? word) => Words.Unknown(word);
}

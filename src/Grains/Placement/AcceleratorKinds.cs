using CapacityGrid.Analysis;

namespace CapacityGrid.Grains.Placement;

/// <summary>The words that name each <see cref="AcceleratorKind"/> in configuration and in silo metadata.</summary>
public static class AcceleratorKinds
{
    private static readonly KindWords<AcceleratorKind> Words = new("accelerator", "an accelerator kind", (AcceleratorKind.Cpu, "cpu"), (AcceleratorKind.Gpu, "gpu"));

    /// <summary>Every kind's word, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names => Words.Names;

    /// <summary>The word configuration and silo metadata use for <paramref name="kind"/>.</summary>
    public static string Name(AcceleratorKind kind) => Words.Name(kind);

    /// <summary>The kind <paramref name="name"/> names (exactly, lowercase), or false.</summary>
    public static bool TryParse(string? name, out AcceleratorKind kind) => Words.TryParse(name, out kind);

    /// <summary>What is wrong with a word no kind has, as specs and errors say it.</summary>
    public static string Unknown(string? word) => Words.Unknown(word);
}

using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Models;

/// <summary>The words that name each <see cref="ActivationKind"/> in a spec, a model's hash and a checkpoint.</summary>
public static class ActivationKinds
{
    private static readonly KindWords<ActivationKind> Words = new("activation", "an activation kind", (ActivationKind.Relu, "relu"), (ActivationKind.Tanh, "tanh"));

    /// <summary>Every kind's word, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names => Words.Names;

    /// <summary>The word a spec uses for <paramref name="kind"/>.</summary>
    public static string Name(ActivationKind kind) => Words.Name(kind);

    /// <summary>The kind <paramref name="name"/> names (exactly, as specs spell it), or false.</summary>
    public static bool TryParse(string? name, out ActivationKind kind) => Words.TryParse(name, out kind);

    /// <summary>What is wrong with a word no kind has, as specs and errors say it.</summary>
    public static string Unknown(string? word) => Words.Unknown(word);

    /// <summary>The activation applied to <paramref name="x"/> (a new tensor).</summary>
    public static Tensor Apply(this ActivationKind kind, Tensor x) => kind switch
    {
        ActivationKind.Relu => x.relu(),
        ActivationKind.Tanh => x.tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an activation kind"),
    };

    /// <summary>True for activations with a bounded range (tanh), which binned information needs.</summary>
    public static bool IsBounded(this ActivationKind kind) => kind is ActivationKind.Tanh;
}

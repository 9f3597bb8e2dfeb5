namespace CapacityGrid.Analysis;

/// <summary>
/// The words that name each value of an enum of choices (dataset kinds, optimizers, devices...), matched exactly, as
/// specs, configuration and stored files spell them: the one table behind each <c>...Kinds</c> helper.
/// </summary>
/// <typeparam name="TKind">The enum.</typeparam>
public sealed class KindWords<TKind> where TKind : struct, Enum
{
    private readonly (TKind Kind, string Name)[] _words;
    private readonly string _noun;
    private readonly string _what;

    /// <summary>
    /// The table: each kind with its word, in the order the docs list them; <paramref name="noun"/> is what a word
    /// names in messages ("optimizer"), <paramref name="what"/> one value of the enum ("an optimizer kind").
    /// </summary>
    public KindWords(string noun, string what, params (TKind Kind, string Name)[] words)
    {
        _noun = noun;
        _what = what;
        _words = words;
        Names = [.. words.Select(w => w.Name)];
    }

    /// <summary>Every kind's word, in the table's order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>What is wrong with a word no kind has: <c>unknown optimizer 'x' (expected adam or sgd)</c>.</summary>
    public string Unknown(string? word)
    {
        var expected = Names.Count == 1 ? Names[0] : $"{string.Join(", ", Names.Take(Names.Count - 1))} or {Names[^1]}";
        return $"unknown {_noun} '{word}' (expected {expected})";
    }

    /// <summary>The word for <paramref name="kind"/>; a value outside the table is an <see cref="ArgumentOutOfRangeException"/>.</summary>
    public string Name(TKind kind)
    {
        foreach (var w in _words)
        {
            if (EqualityComparer<TKind>.Default.Equals(w.Kind, kind))
            {
                return w.Name;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(kind), kind, $"not {_what}");
    }

    /// <summary>The kind <paramref name="name"/> names (exactly, ordinal), or false.</summary>
    public bool TryParse(string? name, out TKind kind)
    {
        foreach (var w in _words)
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

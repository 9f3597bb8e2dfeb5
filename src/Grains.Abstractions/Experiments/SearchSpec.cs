namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// How the grid is searched. <c>Strategy</c> is <c>grid</c> (every configuration; the same as no search section),
/// <c>random</c> (<c>Samples</c> configurations of the grid drawn without repeats, deterministically from <c>Seed</c>,
/// each trained with every seed) or <c>adaptive</c> (the whole grid first, then rounds that add configurations
/// halfway between the knee and the next smaller width of its family until that step is at most <c>MinStep</c>,
/// at most <c>MaxRounds</c> rounds). Never part of point ids.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.search-spec")]
public sealed record SearchSpec(
    [property: Id(0)] string Strategy,
    [property: Id(1)] int? Samples = null,
    [property: Id(2)] int? Seed = null,
    [property: Id(3)] int? MinStep = null,
    [property: Id(4)] int? MaxRounds = null)
{
    /// <summary>Every configuration of the grid.</summary>
    public const string Grid = "grid";

    /// <summary>A seeded sample of the grid's configurations.</summary>
    public const string Random = "random";

    /// <summary>The grid, then refinement around the knee.</summary>
    public const string Adaptive = "adaptive";

    /// <summary>The strategies a spec may name.</summary>
    public static readonly string[] Strategies = [Grid, Random, Adaptive];

    /// <summary>Default smallest width step adaptive refinement makes.</summary>
    public const int DefaultMinStep = 2;

    /// <summary>Default number of refinement rounds.</summary>
    public const int DefaultMaxRounds = 3;

    /// <summary>Largest number of refinement rounds a spec may ask for.</summary>
    public const int MaxMaxRounds = 20;

    /// <summary>True for the adaptive strategy.</summary>
    public bool IsAdaptive => Strategy == Adaptive;

    /// <summary>The width step at which refinement stops.</summary>
    public int EffectiveMinStep => MinStep ?? DefaultMinStep;

    /// <summary>The most refinement rounds.</summary>
    public int EffectiveMaxRounds => MaxRounds ?? DefaultMaxRounds;
}

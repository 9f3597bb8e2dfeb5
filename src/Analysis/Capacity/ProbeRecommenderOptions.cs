namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// The margin <see cref="ProbeRecommender"/> puts on a layer's measured dimension: width = max(<see cref="MinWidth"/>,
/// ceil(<see cref="Margin"/> x dimension) rounded up to a multiple of <see cref="Multiple"/>).
/// </summary>
public sealed record ProbeRecommenderOptions
{
    /// <summary>Headroom over the measured dimension (1.25 = 25 % more units than dimensions).</summary>
    public double Margin { get; init; } = 1.25;

    /// <summary>Widths are rounded up to a multiple of this (8 suits SIMD and GPU kernels).</summary>
    public int Multiple { get; init; } = 8;

    /// <summary>No layer is recommended narrower than this.</summary>
    public int MinWidth { get; init; } = 4;

    /// <summary>A layer at least this saturated used (nearly) all of its probe width: its dimension is a lower bound.</summary>
    public double SaturatedAbove { get; init; } = 0.95;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that cannot be used.</summary>
    public ProbeRecommenderOptions Validated()
    {
        if (!(Margin >= 1) || !double.IsFinite(Margin))
        {
            throw new ArgumentException($"must be a finite number of at least 1 (got {Margin})", nameof(Margin));
        }
        if (Multiple < 1)
        {
            throw new ArgumentException($"must be at least 1 (got {Multiple})", nameof(Multiple));
        }
        if (MinWidth < 1)
        {
            throw new ArgumentException($"must be at least 1 (got {MinWidth})", nameof(MinWidth));
        }
        if (!(SaturatedAbove is > 0 and <= 1))
        {
            throw new ArgumentException($"must lie in (0, 1] (got {SaturatedAbove})", nameof(SaturatedAbove));
        }
        return this;
    }
}

namespace CapacityGrid.Analysis.Measures.Prequential;

/// <summary>Settings of <see cref="PrequentialCode"/>.</summary>
public sealed record PrequentialOptions
{
    /// <summary>Voita &amp; Titov's block ends, in percent of the training set (2020, section 2.2.2).</summary>
    public static readonly IReadOnlyList<double> DefaultBoundaries = [0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.25, 12.5, 25, 50, 100];

    /// <summary>Where each block ends, in percent of the samples: strictly increasing, the last 100.</summary>
    public IReadOnlyList<double> BoundariesPercent { get; init; } = DefaultBoundaries;

    /// <summary>Shuffle the samples once (with <see cref="Seed"/>) before cutting blocks, so an ordered set is not coded in its order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffle.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws naming what is wrong with the boundaries.</summary>
    public PrequentialOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(BoundariesPercent);
        if (BoundariesPercent.Count == 0 || BoundariesPercent[^1] != 100)
        {
            throw new ArgumentException("the block boundaries must end at 100 %, so every sample is coded", nameof(BoundariesPercent));
        }
        for (var i = 0; i < BoundariesPercent.Count; i++)
        {
            var previous = i == 0 ? 0 : BoundariesPercent[i - 1];
            if (!(BoundariesPercent[i] > previous))
            {
                throw new ArgumentException($"block boundaries must increase strictly from above 0: {BoundariesPercent[i]} follows {previous}", nameof(BoundariesPercent));
            }
        }
        return this;
    }
}

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

    /// <summary>
    /// Optimizer steps each block's model takes at least: a small prefix trains for more epochs than the
    /// training options give, up to <see cref="MaxEpochs"/>, so it is not coded by a model that barely moved. 0: the
    /// training options' epochs for every block.
    /// </summary>
    public int MinimumSteps { get; init; }

    /// <summary>The most epochs <see cref="MinimumSteps"/> may raise a block's training to.</summary>
    public int MaxEpochs { get; init; } = 200;

    /// <summary>Seed of the shuffle.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws naming what is wrong with the boundaries.</summary>
    public PrequentialOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(BoundariesPercent);
        ArgumentOutOfRangeException.ThrowIfNegative(MinimumSteps, nameof(MinimumSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEpochs, 1, nameof(MaxEpochs));
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

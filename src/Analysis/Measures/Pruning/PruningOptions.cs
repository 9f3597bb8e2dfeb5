using CapacityGrid.Analysis.Training.Trainers;


namespace CapacityGrid.Analysis.Measures.Pruning;

/// <summary>Settings of <see cref="MagnitudePruning"/>.</summary>
public sealed record PruningOptions
{
    /// <summary>0, 0.1 … 0.9, then 0.95 to 0.99 where the curve usually breaks.</summary>
    public static readonly IReadOnlyList<double> DefaultFractions = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99];

    /// <summary>Fractions of all weights (biases excluded) to remove, in [0, 1], strictly increasing.</summary>
    public IReadOnlyList<double> Fractions { get; init; } = DefaultFractions;

    /// <summary>Accuracy a pruned model may lose against the unpruned one and still count: 0.5 percentage points.</summary>
    public double Tolerance { get; init; } = 0.005;

    /// <summary>The short fine-tune after pruning (on the training part); null for the curve without fine-tuning only.</summary>
    public TrainOptions? FineTune { get; init; } = new(Epochs: 2);

    /// <summary>Throws naming the first setting out of range.</summary>
    public PruningOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(Fractions);
        if (Fractions.Count == 0)
        {
            throw new ArgumentException("no pruning fractions", nameof(Fractions));
        }
        for (var i = 0; i < Fractions.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(Fractions[i], 0, nameof(Fractions));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(Fractions[i], 1, nameof(Fractions));
            if (i > 0 && !(Fractions[i] > Fractions[i - 1]))
            {
                throw new ArgumentException($"pruning fractions must increase strictly: {Fractions[i]} follows {Fractions[i - 1]}", nameof(Fractions));
            }
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(Tolerance, 0, nameof(Tolerance));
        if (FineTune is { } tune)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(tune.Epochs, 1, nameof(FineTune));
            ArgumentOutOfRangeException.ThrowIfLessThan(tune.BatchSize, 1, nameof(FineTune));
        }
        return this;
    }
}

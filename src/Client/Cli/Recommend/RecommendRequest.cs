using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Recommend;

/// <summary>The options of one <c>capgrid recommend</c> call.</summary>
/// <param name="ProbeWidth">The probe's width at most (null: the sweep's widest layer).</param>
/// <param name="Depth">The recommendation's hidden layers, fixed (null: recommended from the probes, at most their depth).</param>
/// <param name="Epochs">The probe's epochs at most (null: the sweep's epochs, or <see cref="DefaultEpochs"/> without a sweep spec).</param>
/// <param name="Budget">The probe's budget in training multiply-adds (null: <paramref name="BudgetFraction"/> of the sweep).</param>
/// <param name="BudgetFraction">The probe's share of the sweep's multiply-adds when no budget is stated.</param>
/// <param name="ProbeDepth">The probes' hidden layers (null: the sweep's deepest).</param>
/// <param name="Law">A capacity law file (relate --law) used as a prior, or null.</param>
public sealed record RecommendRequest(
    string Source, string? Label, int? ProbeWidth, int? Depth, int? Epochs, double LearningRate, int BatchSize, int Seed,
    bool Verify, string? Sweep, double? Budget = null, double BudgetFraction = RecommendRequest.DefaultBudgetFraction, int? ProbeDepth = null, string? Law = null)
{
    /// <summary>The probe's default share of the sweep's multiply-adds: 10 %.</summary>
    public const double DefaultBudgetFraction = 0.10;

    /// <summary>Epochs without a sweep spec or <c>--epochs</c>.</summary>
    public const int DefaultEpochs = 20;

    /// <summary>The refusal of a recommendation deeper than its probes: they have no layer to measure there.</summary>
    public static SpecException AboveTheProbe(int depth, int probeDepth) => new(
        "--depth", $"{depth} is above the probe's depth {probeDepth} (--probe-depth): a probe can only show what its own layers use");

    /// <summary>Throws a <see cref="SpecException"/> naming the first option that cannot be used.</summary>
    public void Validate()
    {
        if (Budget is { } budget && !(budget > 0 && double.IsFinite(budget)))
        {
            throw new SpecException("--budget", $"must be a positive number of multiply-adds (got {budget})");
        }
        if (!(BudgetFraction is > 0 and <= 1))
        {
            throw new SpecException("--budget-fraction", $"must lie in (0, 1] (got {BudgetFraction})");
        }
        if (ProbeWidth is < 1 or > SpecValidator.MaxWidth)
        {
            throw new SpecException("--probe-width", $"must lie between 1 and {SpecValidator.MaxWidth} (got {ProbeWidth})");
        }
        if (Depth is < 1 or > SpecValidator.MaxDepth)
        {
            throw new SpecException("--depth", $"must lie between 1 and {SpecValidator.MaxDepth} (got {Depth})");
        }
        if (ProbeDepth is < 1 or > SpecValidator.MaxDepth)
        {
            throw new SpecException("--probe-depth", $"must lie between 1 and {SpecValidator.MaxDepth} (got {ProbeDepth})");
        }
        if (Depth is { } depth && ProbeDepth is { } probeDepth && depth > probeDepth)
        {
            throw AboveTheProbe(depth, probeDepth);
        }
        if (Epochs is < 1 or > 100_000)
        {
            throw new SpecException("--epochs", $"must be a positive integer (got {Epochs})");
        }
        if (!(LearningRate is > 0 and < 100))
        {
            throw new SpecException("--learning-rate", $"must be a positive number below 100 (got {LearningRate})");
        }
        if (BatchSize < 1)
        {
            throw new SpecException("--batch-size", $"must be a positive integer (got {BatchSize})");
        }
    }
}

using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Recommend;

/// <summary>The options of one <c>capgrid recommend</c> call.</summary>
public sealed record RecommendRequest(
    string Source, string? Label, int ProbeWidth, int Depth, int Epochs, double LearningRate, int BatchSize, int Seed,
    bool Verify, string? Sweep)
{
    /// <summary>Throws a <see cref="SpecException"/> naming the first option that cannot be used.</summary>
    public void Validate()
    {
        if (ProbeWidth is < 1 or > SpecValidator.MaxWidth)
        {
            throw new SpecException("--probe-width", $"must lie between 1 and {SpecValidator.MaxWidth} (got {ProbeWidth})");
        }
        if (Depth is < 1 or > SpecValidator.MaxDepth)
        {
            throw new SpecException("--depth", $"must lie between 1 and {SpecValidator.MaxDepth} (got {Depth})");
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

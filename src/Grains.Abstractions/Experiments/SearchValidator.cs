namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>Checks a spec's <c>search</c> section against its grid; the first problem is thrown as a <see cref="SpecException"/>.</summary>
public static class SearchValidator
{
    /// <summary>Validates <paramref name="search"/> for the (already valid) <paramref name="grid"/>.</summary>
    public static void Validate(SearchSpec search, GridSpec grid)
    {
        if (!SearchSpec.Strategies.Contains(search.Strategy))
        {
            throw new SpecException("search.strategy", $"unknown strategy '{search.Strategy}' (expected one of: {string.Join(", ", SearchSpec.Strategies)})");
        }
        if (search.Strategy != SearchSpec.Random)
        {
            OnlyFor("search.samples", search.Samples, SearchSpec.Random);
            OnlyFor("search.seed", search.Seed, SearchSpec.Random);
        }
        if (!search.IsAdaptive)
        {
            OnlyFor("search.minStep", search.MinStep, SearchSpec.Adaptive);
            OnlyFor("search.maxRounds", search.MaxRounds, SearchSpec.Adaptive);
        }
        if (search.Strategy == SearchSpec.Random)
        {
            var size = GridPlanner.Configurations(grid).Count;
            if (search.Samples is not { } samples)
            {
                throw new SpecException("search.samples", "a random search needs the number of configurations to sample");
            }
            if (samples < 1 || samples > size)
            {
                throw new SpecException("search.samples", $"must lie between 1 and the grid's {size} configurations (shapes; each is trained with every seed) (got {samples})");
            }
        }
        if (search.IsAdaptive)
        {
            if (grid.Widths.Length == 0)
            {
                throw new SpecException("search.strategy", "adaptive refinement sweeps along grid.widths (or grid.bottleneckWidths), and this grid has none");
            }
            if (grid.Cnn is not null)
            {
                throw new SpecException("search.strategy", "adaptive refinement refines MLP widths; use the full grid or a random search with grid.cnn");
            }
            if (search.MinStep is < 1)
            {
                throw new SpecException("search.minStep", $"must be a positive integer (got {search.MinStep})");
            }
            if (search.MaxRounds is < 1 or > SearchSpec.MaxMaxRounds)
            {
                throw new SpecException("search.maxRounds", $"must lie between 1 and {SearchSpec.MaxMaxRounds} (got {search.MaxRounds})");
            }
        }
    }

    private static void OnlyFor(string field, int? value, string strategy)
    {
        if (value is not null)
        {
            throw new SpecException(field, $"applies only to strategy '{strategy}'");
        }
    }
}

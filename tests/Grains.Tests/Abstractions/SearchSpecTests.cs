using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

public sealed class SearchSpecTests
{
    private static string Json(string search, string grid = """{ "widths": [2, 4, 8, 16, 32], "depths": [1, 2], "seeds": [1, 2] }""") =>
        $$"""{ "name": "s", "dataset": { "kind": "teacher" }, "grid": {{grid}}, "training": { "epochs": 1 }, "search": {{search}} }""";

    [Fact]
    public void Expand_RandomSearch_SamplesDistinctConfigurationsWithEverySeedInGridOrder()
    {
        var spec = SpecParser.Parse(Json("""{ "strategy": "random", "samples": 4, "seed": 11 }"""));
        var full = GridPlanner.Configurations(spec.Grid).Select(h => string.Join('-', h)).ToList();

        var points = GridPlanner.Expand(spec);

        var shapes = points.Select(p => string.Join('-', p.HiddenWidths)).Distinct().ToList();
        Assert.Equal(4, shapes.Count);
        Assert.Equal(8, points.Count);
        Assert.All(shapes, s => Assert.Contains(s, full));
        Assert.Equal(shapes.OrderBy(full.IndexOf), shapes);
        Assert.All(points.GroupBy(p => p.Label.Split(' ')[0]), g => Assert.Equal([1, 2], g.Select(p => p.Seed)));
    }

    [Fact]
    public void Expand_RandomSearch_IsTheSameForTheSameSeedAndDiffersAcrossSeeds()
    {
        string Ids(int seed) => string.Join(',', GridPlanner.Expand(SpecParser.Parse(Json($$"""{ "strategy": "random", "samples": 3, "seed": {{seed}} }"""))).Select(p => p.PointId));
        var bySeed = Enumerable.Range(1, 6).Select(Ids).ToList();

        Assert.Equal(bySeed[0], Ids(1));
        Assert.True(bySeed.Distinct().Count() > 1);
    }

    [Fact]
    public void Expand_RandomSearchOfTheWholeGrid_GivesThePointsOfTheFullGridWithTheSameIds()
    {
        var sampled = GridPlanner.Expand(SpecParser.Parse(Json("""{ "strategy": "random", "samples": 10 }""")));
        var full = GridPlanner.Expand(SpecParser.Parse(Json("""{ "strategy": "grid" }""")));

        Assert.Equal(full.Select(p => p.PointId), sampled.Select(p => p.PointId));
    }

    [Fact]
    public void Parse_AdaptiveSearchOfACnnGrid_IsRefusedNamingTheStrategy()
    {
        const string Grid = """{ "widths": [8, 16], "depths": [1], "seeds": [1], "cnn": { "channels": [[4]], "kernel": 3, "pool": "max", "input": [1, 10, 10] } }""";

        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(Json("""{ "strategy": "adaptive" }""", Grid)));

        Assert.Contains("search.strategy", e.Message);
    }

    [Fact]
    public void Expand_RandomSearchOfACnnGrid_CrossesTheSampledHeadsWithEveryConvStack()
    {
        const string Grid = """{ "widths": [8, 16, 32], "depths": [1], "seeds": [1], "cnn": { "channels": [[4], [4, 8]], "kernel": 3, "pool": "max", "input": [1, 10, 10] } }""";

        var points = GridPlanner.Expand(SpecParser.Parse(Json("""{ "strategy": "random", "samples": 2, "seed": 5 }""", Grid)));

        Assert.Equal(4, points.Count);
        Assert.Equal(2, points.Count(p => p.Conv!.Layers == 1));
        Assert.Equal(2, points.Select(p => p.HiddenWidths[^1]).Distinct().Count());
    }

    [Theory]
    [InlineData("""{ "strategy": "random", "samples": 11 }""", "search.samples")]
    [InlineData("""{ "strategy": "random", "samples": 0 }""", "search.samples")]
    [InlineData("""{ "strategy": "random" }""", "search.samples")]
    [InlineData("""{ "strategy": "bayes" }""", "search.strategy")]
    [InlineData("""{ "samples": 3 }""", "search.strategy")]
    [InlineData("""{ "strategy": "grid", "samples": 3 }""", "search.samples")]
    [InlineData("""{ "strategy": "random", "samples": 3, "minStep": 2 }""", "search.minStep")]
    [InlineData("""{ "strategy": "adaptive", "minStep": 0 }""", "search.minStep")]
    [InlineData("""{ "strategy": "adaptive", "maxRounds": 0 }""", "search.maxRounds")]
    [InlineData("""{ "strategy": "adaptive", "seed": 3 }""", "search.seed")]
    [InlineData("""{ "strategy": "adaptive", "step": 3 }""", "search.step")]
    public void Parse_ABadSearch_NamesTheField(string search, string field)
    {
        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(Json(search)));

        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Parse_AdaptiveSearchOverExplicitLayersOnly_IsRefused()
    {
        var json = Json("""{ "strategy": "adaptive" }""", """{ "widths": [], "depths": [], "seeds": [1], "layers": [[4], [8]] }""");

        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(json));

        Assert.Equal("search.strategy", e.Field);
    }

    [Fact]
    public void PointId_WithAndWithoutASearch_IsTheSame()
    {
        var plain = SpecParser.Parse(Json("""{ "strategy": "grid" }""")) with { Search = null };
        var adaptive = SpecParser.Parse(Json("""{ "strategy": "adaptive", "minStep": 4 }"""));

        Assert.Equal(GridPlanner.Expand(plain).Select(p => p.PointId), GridPlanner.Expand(adaptive).Select(p => p.PointId));
    }

    [Fact]
    public void AxisWidth_OfAnHourglassShape_IsItsBottleneckWidthAndRoundTrips()
    {
        var grid = new GridSpec([32], [3], [1], Shapes: ["hourglass"], BottleneckWidths: [2, 8]);
        var family = SearchFamily.All(grid).Single();

        var hidden = family.Hidden(5, grid);

        Assert.Equal([32, 5, 32], hidden);
        Assert.Equal(5, family.AxisWidth(hidden, grid));
        Assert.Null(family.AxisWidth([16, 5, 32], grid));
    }
}

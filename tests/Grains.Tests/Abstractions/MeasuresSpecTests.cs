using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

public sealed class MeasuresSpecTests
{
    private const string Valid = """
        {
          "name": "m1",
          "dataset": { "kind": "teacher", "inputDim": 8, "classes": 3, "samples": 100 },
          "grid": { "widths": [4, 8], "depths": [1], "seeds": [1, 2] },
          "training": { "epochs": 2 }
        }
        """;

    [Fact]
    public void Parse_WithoutMeasures_LeavesThemNullAndOutOfTheJson()
    {
        var spec = SpecParser.Parse(Valid);

        Assert.Null(spec.Measures);
        Assert.DoesNotContain("measures", SpecParser.ToJson(spec), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnEmptyMeasuresSection_FillsTheDefaults()
    {
        var spec = SpecParser.Parse(WithMeasures("{}"));

        Assert.Equal(new MeasuresSpec(SaturationEveryEpoch: true, InformationPlane: false, InformationSamples: 500), spec.Measures);
    }

    [Fact]
    public void Parse_MeasuresGiven_RoundTripsThroughTheJson()
    {
        var spec = SpecParser.Parse(WithMeasures("""{ "saturationEveryEpoch": false, "informationPlane": true, "informationSamples": 300 }"""));

        Assert.Equal(new MeasuresSpec(false, true, 300), spec.Measures);
        Assert.Equal(spec.Measures, SpecParser.Parse(SpecParser.ToJson(spec)).Measures);
    }

    [Fact]
    public void Expand_WithOrWithoutMeasures_GivesTheSamePointIds()
    {
        var plain = SpecParser.Parse(Valid);
        var measured = SpecParser.Parse(WithMeasures("""{ "informationPlane": true, "informationSamples": 200 }"""));

        Assert.Equal(GridPlanner.Expand(plain).Select(p => p.PointId), GridPlanner.Expand(measured).Select(p => p.PointId));
    }

    [Theory]
    [InlineData("""{ "informationSamples": 2 }""", "measures.informationSamples", "at least 3")]
    [InlineData("""{ "informationSamples": 2001 }""", "measures.informationSamples", "at most 2000")]
    [InlineData("""{ "informationPlane": "yes" }""", "measures.informationPlane", "wrong type")]
    [InlineData("""{ "saturation": true }""", "measures.saturation", "unknown field")]
    public void Parse_ABadMeasuresField_NamesTheFieldAndTheProblem(string measures, string field, string problem)
    {
        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(WithMeasures(measures)));

        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem);
    }

    private static string WithMeasures(string measures) =>
        Valid.Replace("\"training\": { \"epochs\": 2 }", $"\"training\": {{ \"epochs\": 2 }}, \"measures\": {measures}", StringComparison.Ordinal);
}

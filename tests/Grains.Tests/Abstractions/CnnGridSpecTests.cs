using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

public sealed class CnnGridSpecTests
{
    private const string Valid = """
        {
          "name": "cnn",
          "dataset": { "kind": "gaussian-mixture", "inputDim": 100, "classes": 3, "samples": 100 },
          "grid": { "widths": [8, 16], "depths": [1], "seeds": [1], "cnn": { "channels": [[4], [4, 8]], "kernel": 3, "pool": "max", "input": [1, 10, 10] } },
          "training": { "epochs": 2 }
        }
        """;

    [Fact]
    public void Expand_TwoConvStacksAndTwoHeads_GivesFourPointsWithConvChannelsFirst()
    {
        var points = GridPlanner.Expand(SpecParser.Parse(Valid));

        Assert.Equal([[4, 8], [4, 16], [4, 8, 8], [4, 8, 16]], points.Select(p => p.HiddenWidths));
        Assert.Equal([1, 1, 2, 2], points.Select(p => p.Conv!.Layers));
        Assert.All(points, p => Assert.Equal((3, "max"), (p.Conv!.Kernel, p.Conv.Pool)));
        Assert.Equal("c4-c8-16 s1", points[3].Label);
        Assert.Equal(4, points.Select(p => p.PointId).Distinct().Count());
    }

    [Fact]
    public void PointId_ACnnAndAnMlpOfTheSameWidths_Differ()
    {
        var spec = SpecParser.Parse(Valid);
        var cnn = GridPlanner.Expand(spec)[0];

        Assert.NotEqual(GridPlanner.PointId(spec, cnn.HiddenWidths, cnn.Seed), cnn.PointId);
        Assert.Equal(GridPlanner.PointId(spec, cnn.HiddenWidths, cnn.Seed, cnn.Conv), cnn.PointId);
    }

    [Fact]
    public void ToJson_ASpecWithoutCnn_LeavesTheKeyOut()
    {
        const string Cnn = """, "cnn": { "channels": [[4], [4, 8]], "kernel": 3, "pool": "max", "input": [1, 10, 10] }""";
        var spec = SpecParser.Parse(Valid.Replace(Cnn, "", StringComparison.Ordinal));

        Assert.DoesNotContain("\"cnn\":", SpecParser.ToJson(spec), StringComparison.Ordinal);
        Assert.Null(GridPlanner.Expand(spec)[0].Conv);
    }

    [Theory]
    [InlineData("\"channels\": [[4], [4, 8]]", "\"channels\": []", "grid.cnn.channels", "at least one")]
    [InlineData("\"channels\": [[4], [4, 8]]", "\"channels\": [[4], [4, 0]]", "grid.cnn.channels[1][1]", "positive")]
    [InlineData("\"channels\": [[4], [4, 8]]", "\"channels\": [[4], []]", "grid.cnn.channels[1]", "conv layers")]
    [InlineData("\"kernel\": 3", "\"kernel\": 11", "grid.cnn.kernel", "does not fit the 10x10 map")]
    [InlineData("\"kernel\": 3", "\"kernel\": 0", "grid.cnn.kernel", "positive")]
    [InlineData("\"input\": [1, 10, 10]", "\"input\": [1, 9, 9]", "grid.cnn.pool", "shrink the 1x1 map after conv layer 2")]
    [InlineData("\"pool\": \"max\"", "\"pool\": \"avg\"", "grid.cnn.pool", "unknown pooling")]
    [InlineData("\"input\": [1, 10, 10]", "\"input\": [10, 10]", "grid.cnn.input", "[channels, height, width]")]
    [InlineData("\"input\": [1, 10, 10]", "\"input\": [1, 0, 10]", "grid.cnn.input[1] (height)", "positive")]
    [InlineData("\"kernel\": 3", "\"kernal\": 3", "grid.cnn.kernal", "unknown field")]
    public void Parse_ABadCnnField_NamesTheFieldAndTheProblem(string from, string to, string field, string problem)
    {
        var json = Valid.Replace(from, to, StringComparison.Ordinal);

        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(json));

        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}

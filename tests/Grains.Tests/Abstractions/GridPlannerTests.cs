using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

public sealed class GridPlannerTests
{
    private static ExperimentSpec Spec(GridSpec grid) => new(
        "shapes", new DatasetSpec("teacher"), grid, new TrainingSpec(Epochs: 1));

    private static int[][] Hidden(GridSpec grid) => [.. GridPlanner.Expand(Spec(grid)).Select(p => p.HiddenWidths)];

    [Fact]
    public void Expand_FunnelAndExpanding_HalveTheWidthLayerByLayer()
    {
        var hidden = Hidden(new GridSpec([64], [3], [1], Shapes: ["funnel", "expanding"]));

        Assert.Equal([[64, 32, 16], [16, 32, 64]], hidden);
    }

    [Fact]
    public void Expand_Hourglass_SweepsTheBottleneckAtTheChosenLayer()
    {
        var hidden = Hidden(new GridSpec([32], [3], [1], Shapes: ["hourglass"], BottleneckWidths: [2, 8], BottleneckLayer: 2));

        Assert.Equal([[32, 2, 32], [32, 8, 32]], hidden);
    }

    [Fact]
    public void Expand_HourglassWithoutALayer_NarrowsTheMiddleOne()
    {
        var hidden = Hidden(new GridSpec([16], [3, 4], [1], Shapes: ["hourglass"], BottleneckWidths: [4]));

        Assert.Equal([[16, 4, 16], [16, 4, 16, 16]], hidden);
    }

    [Fact]
    public void Expand_ExplicitLayersAndDuplicateShapes_TrainsEachShapeOncePerSeed()
    {
        var points = GridPlanner.Expand(Spec(new GridSpec([8], [1], [1, 2], Shapes: ["uniform", "funnel"], Layers: [[8], [10, 3]])));

        Assert.Equal(["8 s1", "8 s2", "10-3 s1", "10-3 s2"], points.Select(p => p.Label));
    }

    [Theory]
    [InlineData("""{ "widths": [8], "depths": [2], "seeds": [1], "shapes": ["diamond"] }""", "grid.shapes[0]")]
    [InlineData("""{ "widths": [8], "depths": [2], "seeds": [1], "shapes": ["hourglass"] }""", "grid.bottleneckWidths")]
    [InlineData("""{ "widths": [8], "depths": [2], "seeds": [1], "shapes": ["hourglass"], "bottleneckWidths": [2], "bottleneckLayer": 3 }""", "grid.bottleneckLayer")]
    [InlineData("""{ "widths": [], "depths": [], "seeds": [1], "layers": [[4, 0]] }""", "grid.layers[0][1]")]
    [InlineData("""{ "widths": [8], "depths": [], "seeds": [1], "layers": [[4]] }""", "grid.depths")]
    public void Parse_ABadShape_NamesTheField(string grid, string field)
    {
        var json = $$"""{ "name": "s", "dataset": { "kind": "teacher" }, "grid": {{grid}}, "training": { "epochs": 1 } }""";

        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(json));

        Assert.Equal(field, e.Field);
    }
}

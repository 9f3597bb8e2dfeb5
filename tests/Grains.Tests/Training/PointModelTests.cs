using CapacityGrid.Analysis.Models;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Training;

namespace CapacityGrid.Grains.Tests.Training;

public sealed class PointModelTests
{
    [Fact]
    public void Of_ACnnPointWithoutInput_BuildsASquareOneChannelImageAndSplitsConvFromHead()
    {
        var point = new GridPoint("p", [4, 8, 32], 1, "relu", new GridConv(2, 3, "max"));

        var spec = Assert.IsType<CnnSpec>(PointModel.Of(point, 784, 10));

        Assert.Equal((1, 28, 28), (spec.InputChannels, spec.Height, spec.Width));
        Assert.Equal([4, 8], spec.Convs.Select(c => c.Channels));
        Assert.Equal([32], spec.Hidden);
        Assert.Equal(["conv1", "conv2", "fc1", "out"], spec.LayerNames);
    }

    [Fact]
    public void Of_AnMlpPoint_BuildsTheMlp()
    {
        var spec = Assert.IsType<MlpSpec>(PointModel.Of(new GridPoint("p", [16, 8], 1, "tanh"), 12, 3));

        Assert.Equal("12-16-8-3 tanh", spec.ToString());
    }

    [Theory]
    [InlineData(null, 50, "not a square")]
    [InlineData(new[] { 3, 8, 8 }, 64, "has 64 features")]
    public void Of_FeaturesThatAreNotThePointsImage_NamesGridCnnInput(int[]? input, int features, string problem)
    {
        var point = new GridPoint("p", [4, 8], 1, "relu", new GridConv(1, 3, "max", input));

        var e = Assert.Throws<ArgumentException>(() => PointModel.Of(point, features, 3));

        Assert.StartsWith("grid.cnn.input", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}

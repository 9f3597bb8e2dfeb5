using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Training;

/// <summary>The model a grid point trains on its dataset: an MLP, or a CNN when the point has conv layers.</summary>
public static class PointModel
{
    /// <summary>
    /// The point's model spec for data of <paramref name="features"/> features and <paramref name="classes"/> classes.
    /// A CNN's image is <c>grid.cnn.input</c>, or a square single-channel image when that is absent.
    /// </summary>
    /// <exception cref="ArgumentException">The data's features do not form the point's image, or the conv layers do not fit it.</exception>
    public static IModelSpec Of(GridPoint point, int features, int classes)
    {
        if (point.Conv is not { } conv)
        {
            return new MlpSpec(features, point.HiddenWidths, classes, point.Activation);
        }
        var (channels, height, width) = Image(conv, features);
        var convs = point.HiddenWidths.Take(conv.Layers).Select(c => new ConvLayerSpec(c, conv.Kernel, conv.Pool)).ToArray();
        try
        {
            return new CnnSpec(channels, height, width, convs, point.HiddenWidths[conv.Layers..], classes, point.Activation);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"grid.cnn: the conv layers {string.Join('-', convs.Select(c => c.Channels))} do not fit a {channels}x{height}x{width} image: {e.Message}", e);
        }
    }

    /// <summary>Builds the point's model spec for a dataset split.</summary>
    public static IModelSpec Of(GridPoint point, DataSplit data) => Of(point, data.Train.FeatureCount, data.Train.Classes);

    private static (int Channels, int Height, int Width) Image(GridConv conv, int features)
    {
        if (conv.Input is [var c, var h, var w])
        {
            return (long)c * h * w == features
                ? (c, h, w)
                : throw new ArgumentException($"grid.cnn.input: a {c}x{h}x{w} image has {(long)c * h * w} values, but the dataset has {features} features");
        }
        var side = (int)Math.Round(Math.Sqrt(features));
        return side * side == features
            ? (1, side, side)
            : throw new ArgumentException($"grid.cnn.input: {features} features are not a square one-channel image; give the image as [channels, height, width]");
    }
}

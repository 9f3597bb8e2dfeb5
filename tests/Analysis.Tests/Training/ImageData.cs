using CapacityGrid.Analysis.Data;

namespace CapacityGrid.Analysis.Tests.Training;

/// <summary>
/// A synthetic image task with a known answer: 1 x <c>side</c> x <c>side</c> images of N(0, 1) noise, where the class
/// is the quadrant (0 top left, 1 top right, 2 bottom left, 3 bottom right) whose pixels are <c>brightness</c> brighter.
/// </summary>
internal static class ImageData
{
    public static DataSplit Quadrants(int samples, int side = 8, double brightness = 1.5, int seed = 1)
    {
        var random = new Random(seed);
        var features = new float[samples * side * side];
        var labels = new int[samples];
        var half = side / 2;
        for (var n = 0; n < samples; n++)
        {
            var label = random.Next(4);
            labels[n] = label;
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    var quadrant = (y < half ? 0 : 2) + (x < half ? 0 : 1);
                    var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    features[(n * side + y) * side + x] = (float)(noise + (quadrant == label ? brightness : 0));
                }
            }
        }
        return DataSplit.Holdout(new TabularData(features, samples, side * side, labels, 4), 0.25, seed, "quadrants");
    }
}

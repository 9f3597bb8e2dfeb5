using CapacityGrid.Analysis.Data;

namespace CapacityGrid.Analysis.Tests.Measures.Dataset;

/// <summary>Seeded generators of small datasets with known properties.</summary>
internal static class Synthetic
{
    /// <summary>A standard normal draw by the Box-Muller transform.</summary>
    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// <paramref name="n"/> points of a <paramref name="d"/>-dimensional distribution (uniform in the unit cube, or
    /// standard normal) mapped into <paramref name="ambient"/> dimensions by a random Gaussian matrix: row-major.
    /// </summary>
    public static float[] Embedded(int n, int d, int ambient, bool cube, int seed)
    {
        var random = new Random(seed);
        var map = new double[d * ambient];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = Gaussian(random);
        }
        var points = new float[n * ambient];
        var u = new double[d];
        for (var s = 0; s < n; s++)
        {
            for (var i = 0; i < d; i++)
            {
                u[i] = cube ? random.NextDouble() : Gaussian(random);
            }
            for (var j = 0; j < ambient; j++)
            {
                var v = 0.0;
                for (var i = 0; i < d; i++)
                {
                    v += u[i] * map[i * ambient + j];
                }
                points[s * ambient + j] = (float)v;
            }
        }
        return points;
    }

    /// <summary>n pairs of standard normals with correlation <paramref name="rho"/>.</summary>
    public static (double[] X, double[] Y) CorrelatedPairs(int n, double rho, int seed)
    {
        var random = new Random(seed);
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = Gaussian(random);
            y[i] = rho * x[i] + Math.Sqrt(1 - rho * rho) * Gaussian(random);
        }
        return (x, y);
    }

    /// <summary>
    /// Fashion-MNIST-like images: 28 x 28 bytes, a black background and one filled shape per image (an ellipse
    /// for even classes, a rectangle for odd) whose size follows the class, with a brightness gradient, a
    /// diagonal texture and pixel noise. 10 classes.
    /// </summary>
    public static TabularData Images(int n, int seed)
    {
        const int side = 28;
        var random = new Random(seed);
        var features = new float[n * side * side];
        var labels = new int[n];
        for (var s = 0; s < n; s++)
        {
            var c = random.Next(10);
            labels[s] = c;
            double cx = 13.5 + random.NextDouble() * 2 - 1, cy = 13.5 + random.NextDouble() * 2 - 1;
            double rx = 5 + c * 0.8 + random.NextDouble() * 2, ry = 12 - c * 0.6 + random.NextDouble() * 2;
            double brightness = 80 + random.Next(150), gradient = random.NextDouble() * 6 - 3;
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    double dx = (x - cx) / rx, dy = (y - cy) / ry;
                    var r = c % 2 == 0 ? dx * dx + dy * dy : Math.Max(Math.Abs(dx), Math.Abs(dy));
                    var v = r < 1 ? brightness + gradient * (y - cy) + random.Next(-12, 13) + ((x + y + c) % 4 == 0 ? 20 : 0) : 0;
                    features[s * side * side + y * side + x] = (float)Math.Clamp(Math.Round(v), 0, 255);
                }
            }
        }
        return new TabularData(features, n, side * side, labels, 10);
    }

    /// <summary>A dataset from literal rows.</summary>
    public static TabularData Table(float[][] rows, int[] labels, int classes) =>
        new([.. rows.SelectMany(r => r)], rows.Length, rows[0].Length, labels, classes);

    /// <summary>Labels with the given count of each class, in class order.</summary>
    public static int[] Labels(params int[] counts) =>
        [.. counts.SelectMany((count, label) => Enumerable.Repeat(label, count))];
}

using CapacityGrid.Analysis.Measures.Dataset;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Dataset;

public sealed class NearestNeighboursTests
{
    [Fact]
    public void Find_RaggedSizes_MatchesBruteForceDistances()
    {
        // 301 points of 13 dimensions: neither a multiple of the 4 x 2 tile, the SIMD width, nor the blocks.
        const int n = 301, d = 13, k = 5;
        var random = new Random(5);
        var points = Enumerable.Range(0, n * d).Select(_ => (float)(random.NextDouble() * 100 + 1000)).ToArray();

        var neighbours = NearestNeighbours.Find(points, d, k, TestContext.Current.CancellationToken);

        for (var i = 0; i < n; i++)
        {
            var expected = Enumerable.Range(0, n).Where(j => j != i)
                .Select(j => Math.Sqrt(Enumerable.Range(0, d).Sum(t => Math.Pow((double)points[i * d + t] - points[j * d + t], 2))))
                .Order().Take(k).ToArray();
            Assert.Equal(expected, neighbours.Of(i).ToArray(), (a, b) => Math.Abs(a - b) < 1e-9);
        }
    }

    [Fact]
    public void Find_DuplicatePoints_AreAtExactlyZero()
    {
        var points = Synthetic.Embedded(200, 3, 20, cube: true, seed: 6);
        var withCopy = points.Concat(points.AsSpan(0, 20).ToArray()).ToArray();

        var neighbours = NearestNeighbours.Find(withCopy, 20, 2, TestContext.Current.CancellationToken);

        Assert.Equal(0.0, neighbours.Of(0)[0]);
        Assert.Equal(0.0, neighbours.Of(200)[0]);
        Assert.True(neighbours.Of(1)[0] > 0);
    }

    [Fact]
    public void Find_FewerPointsThanNeighbours_Throws()
    {
        var points = new float[3 * 4];

        Assert.Throws<ArgumentException>(() => NearestNeighbours.Find(points, 4, 3, TestContext.Current.CancellationToken));
    }
}

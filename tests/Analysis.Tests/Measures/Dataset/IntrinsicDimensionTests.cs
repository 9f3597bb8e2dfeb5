using CapacityGrid.Analysis.Measures.Dataset;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Dataset;

/// <summary>
/// TwoNN and MLE on d-dimensional point clouds linearly embedded in 20 dimensions, 5,000 points.
/// </summary>
/// <remarks>
/// Tolerances. A Gaussian cloud has no boundary, so only sampling noise moves the estimates: about ±0.2 at
/// n = 5,000 over seeds, so we hold them to 10 % of d. A cube has faces: a point near one has its neighbours
/// on one side only, and both estimators read that as fewer dimensions. The bias grows with d (observed
/// over seeds at n = 5,000: 2-5 % low for d = 3, 6-11 % low for d = 6, the same whether from our code or a
/// plain numpy implementation), so for the cube we allow 15 % below d and 5 % above. Either band tells
/// d = 3 from d = 6.
/// </remarks>
public sealed class IntrinsicDimensionTests
{
    private const int Ambient = 20;
    private const int Points = 5000;

    private static NearestNeighbours Neighbours(int d, bool cube, int k) =>
        NearestNeighbours.Find(Synthetic.Embedded(Points, d, Ambient, cube, seed: 1), Ambient, k, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void TwoNN_GaussianCloud_IsAboutItsDimension(int d)
    {
        var neighbours = Neighbours(d, cube: false, k: 2);

        var estimate = TwoNNDimension.Estimate(neighbours);

        Assert.InRange(estimate.Value!.Value, 0.9 * d, 1.1 * d);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void Mle_GaussianCloud_IsAboutItsDimension(int d)
    {
        var neighbours = Neighbours(d, cube: false, k: 10);

        var estimate = MleDimension.Estimate(neighbours);

        Assert.InRange(estimate.Value!.Value, 0.9 * d, 1.1 * d);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void TwoNN_UniformCube_IsAboutItsDimension(int d)
    {
        var neighbours = Neighbours(d, cube: true, k: 2);

        var estimate = TwoNNDimension.Estimate(neighbours);

        Assert.InRange(estimate.Value!.Value, 0.85 * d, 1.05 * d);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void Mle_UniformCube_IsAboutItsDimension(int d)
    {
        var neighbours = Neighbours(d, cube: true, k: 10);

        var estimate = MleDimension.Estimate(neighbours);

        Assert.InRange(estimate.Value!.Value, 0.85 * d, 1.05 * d);
    }

    [Fact]
    public void Estimate_DuplicatedPoints_AreDroppedAndTheEstimateHolds()
    {
        // 500 of the 5,000 points twice: their r1 = 0, they are dropped, the rest still see a 3-d cloud.
        var points = Synthetic.Embedded(Points, 3, Ambient, cube: false, seed: 2);
        var withCopies = points.Concat(points.AsSpan(0, 500 * Ambient).ToArray()).ToArray();
        var neighbours = NearestNeighbours.Find(withCopies, Ambient, 10, TestContext.Current.CancellationToken);

        var twoNN = TwoNNDimension.Estimate(neighbours);
        var mle = MleDimension.Estimate(neighbours);

        Assert.InRange(twoNN.Value!.Value, 2.7, 3.3);
        Assert.InRange(mle.Value!.Value, 2.7, 3.3);
    }

    [Fact]
    public void Estimate_EveryPointDuplicated_IsNullWithReason()
    {
        var points = Synthetic.Embedded(100, 3, Ambient, cube: true, seed: 3);
        var twice = points.Concat(points).ToArray();
        var neighbours = NearestNeighbours.Find(twice, Ambient, 10, TestContext.Current.CancellationToken);

        var twoNN = TwoNNDimension.Estimate(neighbours);
        var mle = MleDimension.Estimate(neighbours);

        Assert.Null(twoNN.Value);
        Assert.Contains("duplicate", twoNN.Reason);
        Assert.Null(mle.Value);
        Assert.Contains("duplicate", mle.Reason);
    }

    [Fact]
    public void TwoNN_SquareGrid_DropsEquidistantPointsAndReportsWhy()
    {
        // On a square lattice every point has two or more nearest neighbours at the same distance: r1 = r2.
        var points = Enumerable.Range(0, 100).SelectMany(i => new[] { (float)(i % 10), (float)(i / 10) }).ToArray();
        var neighbours = NearestNeighbours.Find(points, 2, 2, TestContext.Current.CancellationToken);

        var twoNN = TwoNNDimension.Estimate(neighbours);

        Assert.Null(twoNN.Value);
        Assert.Contains("equidistant", twoNN.Reason);
    }
}

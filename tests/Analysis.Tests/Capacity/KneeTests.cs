using CapacityGrid.Analysis.Capacity;

namespace CapacityGrid.Analysis.Tests.Capacity;

public sealed class KneeTests
{
    private static KneeCandidate C(string key, double size, double mean, double std = 0, int seeds = 3) => new(key, size, mean, std, seeds);

    [Fact]
    public void Find_AccuracyThatPlateaus_PicksTheSmallestConfigurationWithinHalfAPoint()
    {
        var grid = new[] { C("8", 100, 0.70), C("16", 200, 0.851), C("32", 400, 0.855), C("64", 800, 0.856) };

        var pick = Knee.Find(grid)!;

        Assert.Equal("16", pick.Knee.Key);
        Assert.Equal("64", pick.Best.Key);
        Assert.Equal(0.005, pick.Tolerance);
    }

    [Fact]
    public void Find_SeedsSpreadWiderThanTheFloor_UsesTheBestConfigurationsStandardDeviation()
    {
        var grid = new[] { C("8", 100, 0.83), C("16", 200, 0.845), C("64", 800, 0.86, std: 0.02) };

        var pick = Knee.Find(grid)!;

        Assert.Equal("16", pick.Knee.Key);
        Assert.Equal(0.02, pick.Tolerance);
    }

    [Fact]
    public void Find_OnlyTheLargestIsGoodEnough_PicksTheLargest()
    {
        var grid = new[] { C("8", 100, 0.5), C("16", 200, 0.6), C("64", 800, 0.9) };

        Assert.Equal("64", Knee.Find(grid)!.Knee.Key);
    }

    [Fact]
    public void Find_NoConfigurations_ReturnsNull()
    {
        Assert.Null(Knee.Find([]));
    }

    [Fact]
    public void Find_NaNAccuracy_ThrowsNamingTheConfiguration()
    {
        var error = Assert.Throws<ArgumentException>(() => Knee.Find([C("8", 100, double.NaN)]));

        Assert.Contains("'8'", error.Message);
    }
}

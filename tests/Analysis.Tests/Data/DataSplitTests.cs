using CapacityGrid.Analysis.Data;

namespace CapacityGrid.Analysis.Tests.Data;

public sealed class DataSplitTests
{
    // Sample i has the single feature i, so a part's features name the samples it holds.
    private static TabularData Numbered(int n) =>
        new(Enumerable.Range(0, n).Select(i => (float)i).ToArray(), n, 1, Enumerable.Range(0, n).Select(i => i % 2).ToArray(), 2);

    [Fact]
    public void Holdout_WithAValidationShare_MakesThreeDisjointPartsOfTheAskedSizes()
    {
        var split = DataSplit.Holdout(Numbered(100), testFraction: 0.2, validationFraction: 0.1, seed: 5, "n");

        Assert.Equal((70, 10, 20), (split.Train.Samples, split.Validation.Samples, split.Test.Samples));
        var all = split.Train.Features.Concat(split.Validation.Features).Concat(split.Test.Features).Order();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), all);
    }

    [Fact]
    public void Holdout_WithoutAValidationShare_LeavesAnEmptyValidationPartOfTheRightWidth()
    {
        var split = DataSplit.Holdout(Numbered(50), 0.2, seed: 1, "n");

        Assert.Equal((40, 0, 10), (split.Train.Samples, split.Validation.Samples, split.Test.Samples));
        Assert.Equal(1, split.Validation.FeatureCount);
        Assert.Equal(2, split.Validation.Classes);
    }

    [Fact]
    public void Holdout_WithSharesLeavingNothingToTrain_SaysSo()
    {
        var e = Assert.Throws<ArgumentException>(() => DataSplit.Holdout(Numbered(10), 0.5, 0.5, 1, "n"));

        Assert.Contains("none would be left to train on", e.Message);
    }

    [Fact]
    public void WithValidation_MovesAShareOfTheTrainingPartAndKeepsTheTestPart()
    {
        var split = new DataSplit(Numbered(50), Numbered(7), "n").WithValidation(0.1, seed: 3);

        Assert.Equal((45, 5, 7), (split.Train.Samples, split.Validation.Samples, split.Test.Samples));
        Assert.Empty(split.Train.Features.Intersect(split.Validation.Features));
        Assert.Equal(split.Train.Features.Order(), split.Train.Features);
    }

    [Fact]
    public void Standardised_UsesTrainingStatisticsOnlyForEveryPart()
    {
        var train = new TabularData([1, 3, 1, 3], 4, 1, [0, 1, 0, 1], 2);
        var validation = new TabularData([5], 1, 1, [0], 2);
        var test = new TabularData([102, 104], 2, 1, [1, 0], 2);

        var split = new DataSplit(train, test, "t") { Validation = validation }.Standardised();

        // Training mean 2 and standard deviation 1.
        Assert.Equal([-1f, 1f, -1f, 1f], split.Train.Features);
        Assert.Equal([3f], split.Validation.Features);
        Assert.Equal([100f, 102f], split.Test.Features);
    }
}

using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Tests.Capacity;

public sealed class StarPlannerTests
{
    private static double Cost(StarPlan plan) =>
        plan.Seeds * plan.Shapes.Sum(s => TrainingCost.TrainingMultiplyAdds(new MlpSpec(12, s.Hidden, 4), (long)plan.Rows * plan.Epochs));

    [Fact]
    public void Plan_AmpleBudget_TrainsTheFullStarWithTwoSeedsEveryRowAndEpoch()
    {
        var plan = StarPlanner.Plan(1e15, [32, 8], 12, 4, 3000, 20)!;

        Assert.Equal((2, 20, 3000), (plan.Seeds, plan.Epochs, plan.Rows));
        Assert.Equal(["32-8", "16-8", "64-8", "32-4", "32-16"], plan.Shapes.Select(s => string.Join('-', s.Hidden)));
        Assert.Empty(plan.Cuts);
        Assert.Equal(Cost(plan), plan.MultiplyAdds, 1e-6);
    }

    [Fact]
    public void Plan_TightBudget_CutsTheSecondSeedThenTheHalvesThenEpochsAndStaysWithinIt()
    {
        var full = StarPlanner.Plan(1e15, [32, 8], 12, 4, 3000, 20)!;

        var oneSeed = StarPlanner.Plan(0.6 * full.MultiplyAdds, [32, 8], 12, 4, 3000, 20)!;
        var widerOnly = StarPlanner.Plan(0.4 * full.MultiplyAdds, [32, 8], 12, 4, 3000, 20)!;
        var fewerEpochs = StarPlanner.Plan(0.1 * full.MultiplyAdds, [32, 8], 12, 4, 3000, 20)!;

        Assert.Equal(["1 seed"], oneSeed.Cuts);
        Assert.Equal(5, oneSeed.Shapes.Count);
        Assert.Equal(["1 seed", "no x0.5 neighbours"], widerOnly.Cuts);
        Assert.Equal(["32-8", "64-8", "32-16"], widerOnly.Shapes.Select(s => string.Join('-', s.Hidden)));
        Assert.Equal(["1 seed", "no x0.5 neighbours", $"{fewerEpochs.Epochs} epochs"], fewerEpochs.Cuts);
        Assert.True(fewerEpochs.Epochs < 20);
        Assert.All(new[] { (oneSeed, 0.6), (widerOnly, 0.4), (fewerEpochs, 0.1) }, p => Assert.True(Cost(p.Item1) <= p.Item2 * full.MultiplyAdds));
    }

    [Fact]
    public void Plan_BudgetBelowTheSmallestStar_IsNull()
    {
        Assert.Null(StarPlanner.Plan(1000, [32, 8], 12, 4, 3000, 20));
    }
}

using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Tests.Capacity;

public sealed class ProbePlannerTests
{
    [Fact]
    public void Plan_AmpleBudget_TakesTheWidestProbeWithEveryRowAndEpoch()
    {
        var plan = ProbePlanner.Plan(1e15, 12, 4, 2, 3000, 20, 256);

        Assert.Equal((256, 20, 3000), (plan.Width, plan.Epochs, plan.Rows));
        Assert.Equal(TrainingCost.TrainingMultiplyAdds(new MlpSpec(12, [256, 256], 4), 3000L * 20), plan.PlannedMultiplyAdds);
    }

    [Theory]
    [InlineData(1e8)]
    [InlineData(3.3e8)]
    [InlineData(2e9)]
    public void Plan_AnyBudget_NeverPlansMoreThanTheBudget(double budget)
    {
        var plan = ProbePlanner.Plan(budget, 12, 4, 2, 3000, 20, 256);

        var cost = TrainingCost.TrainingMultiplyAdds(new MlpSpec(12, [plan.Width, plan.Width], 4), (long)plan.Rows * plan.Epochs);
        Assert.Equal(cost, plan.PlannedMultiplyAdds);
        Assert.True(cost <= budget, $"plan {plan} costs {cost:E3} over {budget:E3}");
    }

    [Theory]
    [InlineData(1e8)]
    [InlineData(1.2e9)]
    [InlineData(5e9)]
    public void Plan_WithHalfWidth_CountsBothProbesAndStaysWithinTheBudget(double budget)
    {
        var plan = ProbePlanner.Plan(budget, 12, 4, 2, 3000, 20, 256, withHalfWidth: true);

        var sampleEpochs = (long)plan.Rows * plan.Epochs;
        var both = TrainingCost.TrainingMultiplyAdds(new MlpSpec(12, [plan.Width, plan.Width], 4), sampleEpochs)
            + TrainingCost.TrainingMultiplyAdds(new MlpSpec(12, [plan.Width / 2, plan.Width / 2], 4), sampleEpochs);
        Assert.True(plan.WithHalfWidth);
        Assert.Equal(both, plan.PlannedMultiplyAdds, 1e-6);
        Assert.True(both <= budget, $"plan {plan} costs {both:E3} over {budget:E3}");
        Assert.True(plan.Width <= ProbePlanner.Plan(budget, 12, 4, 2, 3000, 20, 256).Width);
    }

    [Fact]
    public void Plan_BudgetBetweenTwoWidths_TakesTheWiderThatFits()
    {
        // 12-64-64-4 for 60,000 sample-epochs: 3 x 5,120 x 60,000 = 9.2e8; 12-128-128-4 needs 3.3e9.
        var plan = ProbePlanner.Plan(1e9, 12, 4, 2, 3000, 20, 256);

        Assert.Equal(64, plan.Width);
    }

    [Fact]
    public void Plan_BudgetBelowTheNarrowestFullProbe_CutsEpochsThenRows()
    {
        var perSampleEpoch = TrainingCost.TrainingMultiplyAdds(new MlpSpec(12, [8, 8], 4), 1);

        var fewerEpochs = ProbePlanner.Plan(perSampleEpoch * 3000 * 5.5, 12, 4, 2, 3000, 20, 256);
        var fewerRows = ProbePlanner.Plan(perSampleEpoch * 1000 * 2, 12, 4, 2, 3000, 20, 256);

        Assert.Equal((8, 5, 3000), (fewerEpochs.Width, fewerEpochs.Epochs, fewerEpochs.Rows));
        Assert.Equal((8, 2, 1000), (fewerRows.Width, fewerRows.Epochs, fewerRows.Rows));
    }

    [Fact]
    public void Plan_MaxWidthNotAPowerOfTwo_TriesItThenThePowersBelow()
    {
        var plan = ProbePlanner.Plan(TrainingCost.TrainingMultiplyAdds(new MlpSpec(12, [64, 64], 4), 3000L * 20), 12, 4, 2, 3000, 20, 96);

        Assert.Equal(64, plan.Width);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Plan_BudgetZeroOrBelow_Throws(double budget) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbePlanner.Plan(budget, 12, 4, 2, 3000, 20, 256));

    [Fact]
    public void Plan_BudgetBelowTheSmallestProbe_ThrowsSayingWhatItNeeds()
    {
        var e = Assert.Throws<ArgumentException>(() => ProbePlanner.Plan(1000, 12, 4, 2, 3000, 20, 256));

        Assert.Contains("cannot train even the smallest probe", e.Message, StringComparison.Ordinal);
    }
}

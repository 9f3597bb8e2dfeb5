using CapacityGrid.Analysis.Capacity.Law;

namespace CapacityGrid.Analysis.Tests.Capacity.Law;

public sealed class CapacityLawTests
{
    private static LawObservation Observation(string id, double capacity, double estimate, double step = 2, string name = "mecEstimate") =>
        new(id, $"data {id}", capacity, step, new Dictionary<string, double> { [name] = estimate });

    [Fact]
    public void Fit_OfKneesOnAPowerLaw_RecoversItsExponentAndCoefficientAndPredictsEachLeftOutKneeExactly()
    {
        var observations = new[] { 100.0, 400, 1600, 6400 }.Select((e, i) => Observation($"e{i}", 3 * Math.Sqrt(e), e)).ToList();

        var fit = Assert.Single(CapacityLaw.Fit(observations));

        Assert.Equal(0.5, fit.Exponent!.Value, 10);
        Assert.Equal(3, fit.Coefficient!.Value, 8);
        Assert.Equal(1, fit.RSquared!.Value, 10);
        Assert.Equal(0, fit.MaxLeaveOneOutSteps!.Value, 8);
        Assert.Equal(30, fit.Predict(100)!.Value, 6);
    }

    [Fact]
    public void Fit_WhenALeftOutKneeIsTwiceWhatTheOthersPredict_CountsThatAsOneGridStep()
    {
        // Without c, a and b fit capacity = estimate exactly, predicting 4 for c's knee of 8: one doubling off.
        var observations = new[] { Observation("a", 1, 1), Observation("b", 2, 2), Observation("c", 8, 4) };

        var fit = Assert.Single(CapacityLaw.Fit(observations));

        var c = Assert.Single(fit.Residuals, r => r.Experiment == "c");
        Assert.Equal(4, c.Predicted, 10);
        Assert.Equal(1, c.Steps, 10);
        Assert.Equal(fit.Residuals.Average(r => r.Steps), fit.MeanLeaveOneOutSteps!.Value, 12);
    }

    [Fact]
    public void Fit_CountsStepsInEachExperimentsOwnGridStep()
    {
        var observations = new[] { Observation("a", 1, 1), Observation("b", 2, 2), Observation("c", 8, 4, step: 4) };

        var fit = Assert.Single(CapacityLaw.Fit(observations));

        Assert.Equal(0.5, Assert.Single(fit.Residuals, r => r.Experiment == "c").Steps, 10);
    }

    [Fact]
    public void Fit_WhenEveryExperimentHasTheSameEstimate_MakesNoFitAndSaysWhy()
    {
        var observations = new[] { Observation("a", 10, 5), Observation("b", 20, 5), Observation("c", 40, 5) };

        var fit = Assert.Single(CapacityLaw.Fit(observations));

        Assert.Null(fit.Exponent);
        Assert.Equal("every experiment has the same mecEstimate", fit.Reason);
    }

    [Fact]
    public void Fit_OfAnEstimateFewerThanThreeExperimentsHave_MakesNoFitForItButFitsTheOthersBestFirst()
    {
        var observations = new[]
        {
            new LawObservation("a", "A", 10, 2, new Dictionary<string, double> { ["good"] = 10, ["noisy"] = 1, ["rare"] = 3 }),
            new LawObservation("b", "B", 20, 2, new Dictionary<string, double> { ["good"] = 20, ["noisy"] = 9 }),
            new LawObservation("c", "C", 40, 2, new Dictionary<string, double> { ["good"] = 40, ["noisy"] = 2 }),
            new LawObservation("d", "D", 80, 2, new Dictionary<string, double> { ["good"] = 80, ["noisy"] = 30, ["rare"] = 0 }),
        };

        var fits = CapacityLaw.Fit(observations);

        Assert.Equal(["good", "noisy", "rare"], fits.Select(f => f.Estimate));
        Assert.Equal(0, fits[0].MaxLeaveOneOutSteps!.Value, 8);
        Assert.True(fits[1].MeanLeaveOneOutSteps > 0.5);
        Assert.Equal("1 experiments have a positive rare; a fit needs 3", fits[2].Reason);
    }
}

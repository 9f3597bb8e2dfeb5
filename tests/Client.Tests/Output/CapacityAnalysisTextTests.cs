using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Tests.Output;

public sealed class CapacityAnalysisTextTests
{
    private static ConfigurationSummary C(string key, long parameters, double mean) =>
        new(key, [.. key.Split('-').Select(int.Parse)], key.Split('-').Length, parameters, 100, 200, mean, 0.01, 2, [$"{key}/1", $"{key}/2"]);

    private static LayerVerdict V(string configuration, string kind, bool valid = true) =>
        new(configuration, 0, "fc1", kind, $"fc1 of {configuration} is a {kind}.", new Dictionary<string, double>(), [], valid, valid ? null : "too few seeds");

    [Fact]
    public void Lines_AnalysisWithAKnee_PrintsTheKneeItsRatiosTheRecommendationAndTheVerdicts()
    {
        var knee = C("16", 500, 0.9);
        var analysis = new CapacityAnalysis(
            [C("2", 50, 0.6), knee, C("64", 5000, 0.903)],
            new KneeResult(knee, 0.903, 0.005, [new CapacityRatio("parameters", "labelEntropy", 500, 1000, 0.5)]),
            [V("2", "bottleneck"), V("64", "oversized", valid: false)],
            new ShapeRecommendation([16], "grid-knee", "16 is the knee.", 500),
            []);

        var lines = CapacityAnalysisText.Lines(analysis);

        Assert.StartsWith("knee: 16 (500 params), mean test acc 0.9000", lines[0], StringComparison.Ordinal);
        Assert.Contains("within 0.5 pp of the best 0.9030", lines[0], StringComparison.Ordinal);
        Assert.Equal("  parameters 500 = 0.500 x labelEntropy", lines[1]);
        Assert.Equal("recommended shape (grid-knee): 16, 500 params", lines[2]);
        Assert.Equal("verdicts (1 valid of 2):", lines[3]);
        Assert.Equal("  fc1 of 2 is a bottleneck.", lines[4]);
        Assert.Equal("  fc1 of 64 is a oversized. [thin evidence: too few seeds]", lines[5]);
    }

    [Fact]
    public void LiveKnee_WithAKnee_IsOneLineWithTheKneeTheBestAndHowManyConfigurationsHaveResults()
    {
        var knee = C("16-16", 1348, 0.7894);
        var analysis = new CapacityAnalysis([C("2", 50, 0.6), knee, C("64", 5000, 0.7912)], new KneeResult(knee, 0.7912, 0.005, []), [], null, []);

        Assert.Equal(
            "knee so far: 16-16 (1348 params), mean test acc 0.7894 ± 0.0100 over 2 seeds; best 0.7912; 3 configurations with results",
            CapacityAnalysisText.LiveKnee(analysis));
        Assert.EndsWith("; 1 configuration with results", CapacityAnalysisText.LiveKnee(new CapacityAnalysis([knee], new KneeResult(knee, 0.7894, 0.005, []), [], null, [])));
        Assert.Null(CapacityAnalysisText.LiveKnee(new CapacityAnalysis([], null, [], null, [])));
        Assert.Null(CapacityAnalysisText.LiveKnee(null));
    }

    [Fact]
    public void Lines_MoreVerdictsThanPrinted_SaysHowManyMoreAreInTheJson()
    {
        var analysis = new CapacityAnalysis([], null, [.. Enumerable.Range(0, CapacityAnalysisText.MaxVerdicts + 3).Select(i => V($"{i}", "bottleneck"))], null, []);

        var lines = CapacityAnalysisText.Lines(analysis);

        Assert.Equal("knee: none yet (no finished points)", lines[0]);
        Assert.Equal("  ... 3 more in capacity-map.json (analysis.verdicts)", lines[^1]);
    }

    [Fact]
    public void Lines_KneeAtTheGridsLargestWidth_CautionsThatTheGridMayBeTooSmall()
    {
        var knee = C("64", 5000, 0.9);
        var analysis = new CapacityAnalysis([C("8", 100, 0.5), C("8-8", 180, 0.6), knee], new KneeResult(knee, 0.9, 0.005, []), [], null, []);

        var lines = CapacityAnalysisText.Lines(analysis);

        Assert.Equal("caution: the knee is at the grid's largest width (64); the grid may be too small, so add wider points to confirm it", lines[1]);
    }

    [Fact]
    public void Lines_KneeInsideTheGridAndOneSeed_NoCautionAndSaysSeedInTheSingular()
    {
        var knee = C("16", 500, 0.9) with { Seeds = 1 };
        var analysis = new CapacityAnalysis([knee, C("64", 5000, 0.9)], new KneeResult(knee, 0.9, 0.005, []), [], null, []);

        var lines = CapacityAnalysisText.Lines(analysis);

        Assert.Contains(" over 1 seed, ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("caution:", StringComparison.Ordinal));
    }
}

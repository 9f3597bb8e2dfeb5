using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Experiments;

namespace CapacityGrid.Grains.Tests.Experiments;

public sealed class KneeRefinementTests
{
    private static ExperimentSpec Spec(GridSpec grid, int minStep = 4) => new(
        "refine", new DatasetSpec("teacher"), grid, new TrainingSpec(Epochs: 1),
        Search: new SearchSpec(SearchSpec.Adaptive, MinStep: minStep));

    // Accuracy as a function of a point's hidden widths; parameter count grows with every width.
    private static PointResult[] Results(IEnumerable<GridPoint> points, Func<int[], double> accuracy) =>
        [.. points.Select(p => new PointResult(
            p.PointId, p.HiddenWidths, p.Seed, PointStatus.Finished, p.HiddenWidths.Sum() * 10L,
            [new EpochMetrics(1, 0.1, 0.9, 0.1, accuracy(p.HiddenWidths), TimeSpan.Zero, "b")], 1.0, null))];

    [Fact]
    public void NextPoints_KneeAtTheWidestWidth_AddsTheMidpointBelowItWithEverySeed()
    {
        var spec = Spec(new GridSpec([4, 32], [1], [1, 2]));
        var points = GridPlanner.Expand(spec);

        var added = KneeRefinement.NextPoints(spec, points, Results(points, h => h[0] >= 20 ? 0.9 : 0.6));

        Assert.Equal(["18 s1", "18 s2"], added.Select(p => p.Label));
        Assert.Equal(GridPlanner.Points(spec, [[18]]).Select(p => p.PointId), added.Select(p => p.PointId));
    }

    [Fact]
    public void NextPoints_RoundAfterRound_HalvesTheBracketUntilTheStepIsAtMostMinStep()
    {
        var spec = Spec(new GridSpec([4, 32], [1], [1]));
        var points = GridPlanner.Expand(spec).ToList();
        static double Accuracy(int[] h) => h[0] >= 20 ? 0.9 : 0.6;
        var widths = new List<int>();

        for (var round = 0; round < 10; round++)
        {
            var added = KneeRefinement.NextPoints(spec, points, Results(points, Accuracy));
            if (added.Count == 0)
            {
                break;
            }
            widths.AddRange(added.Select(p => p.HiddenWidths[0]));
            points.AddRange(added);
        }

        // 4|32 -> 18; knee 32, 18|32 -> 25; knee 25, 18|25 -> 21; knee 21, 18|21 is a step of 3 <= 4: stop.
        Assert.Equal([18, 25, 21], widths);
        var bracket = KneeRefinement.Bracket(spec, points, Results(points, Accuracy))!;
        Assert.Equal((21, 18), (bracket.Knee, bracket.Smaller));
    }

    [Fact]
    public void NextPoints_KneeAtTheSmallestWidth_AddsNothing()
    {
        var spec = Spec(new GridSpec([4, 32], [1], [1]));
        var points = GridPlanner.Expand(spec);

        var added = KneeRefinement.NextPoints(spec, points, Results(points, _ => 0.9));

        Assert.Empty(added);
    }

    [Fact]
    public void NextPoints_HourglassKnee_RefinesTheBottleneckWidthOfItsFamily()
    {
        var spec = Spec(new GridSpec([32], [3], [1], Shapes: ["hourglass"], BottleneckWidths: [2, 16]), minStep: 2);
        var points = GridPlanner.Expand(spec);

        var added = KneeRefinement.NextPoints(spec, points, Results(points, h => h[1] >= 8 ? 0.9 : 0.5));

        Assert.Equal(["32-9-32 s1"], added.Select(p => p.Label));
    }

    [Fact]
    public void NextPoints_WithoutFinishedPoints_AddsNothing()
    {
        var spec = Spec(new GridSpec([4, 32], [1], [1]));
        var points = GridPlanner.Expand(spec);
        var failed = Results(points, _ => 0.9).Select(r => r with { Status = PointStatus.Failed }).ToArray();

        Assert.Empty(KneeRefinement.NextPoints(spec, points, failed));
    }
}

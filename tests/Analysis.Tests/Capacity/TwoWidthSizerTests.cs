using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Capacity;

public sealed class TwoWidthSizerTests
{
    private static readonly int[] Widths = [4, 8, 16, 32, 64, 128];

    // A pair of 32- and 16-wide probes whose layers hold the given saturation dimensions and input-output CKAs.
    private static ProbePair Pair((int Wide, int Half, double Cka)[] layers, bool measureUse = true, int? inputDimension = null)
    {
        LayerReport Report(int i, int width, int dimension) => new(
            $"fc{i + 1}", width, "relu", dimension / (double)width, dimension, 1000, null, dimension, null,
            null, null, null, "not requested", null, null, null, "not requested");
        ProbeRun Run(int width, Func<(int Wide, int Half, double Cka), int> dimension) => new(
            new ProbeReport(1000, 1000, 0, 2, null, null, null, [.. layers.Select((l, i) => Report(i, width, dimension(l)))]),
            new EpochReport(15, 0.1, 0.9, 0.1, 0.9, TimeSpan.Zero, []),
            15_000,
            false,
            measureUse ? [.. layers.Select((l, i) => new LayerUse($"fc{i + 1}", width, dimension(l) * 1.5, l.Cka))] : null);
        return new ProbePair(Run(32, l => l.Wide), Run(16, l => l.Half), new MlpSpec(12, [32, 32], 4), new MlpSpec(12, [16, 16], 4), 1e8, inputDimension);
    }

    [Fact]
    public void Recommend_LayerWhoseDimensionStaysPut_GetsTheSmallestCandidateWidthAtLeastTwiceIt()
    {
        // 10 directions want 20 ReLU units (the candidate 32), 4 want 8.
        var shape = TwoWidthSizer.Recommend(Pair([(10, 9, 0.5), (4, 4, 0.5)]), Widths);

        Assert.Equal([32, 8], shape.Layers.Select(l => l.Width));
        Assert.All(shape.Layers, l => Assert.False(l.Saturated));
    }

    [Fact]
    public void Recommend_LayerWhoseDimensionGrowsWithTheWidthAndFillsTheHalfProbe_GetsTheProbesWidthAsALowerBound()
    {
        var shape = TwoWidthSizer.Recommend(Pair([(18, 12, 0.5), (10, 8, 0.5)]), Widths);

        Assert.Equal(32, shape.Layers[0].Width);
        Assert.True(shape.Layers[0].Saturated);
        Assert.False(shape.Layers[0].IdleAtHalfWidth);
        Assert.Equal(32, shape.Layers[1].Width); // settled at 10 directions: 20 ReLU units, the candidate 32
    }

    [Theory]
    [InlineData(9, 16, true)]
    [InlineData(10, 32, false)]
    public void Recommend_LayerWhoseDimensionGrewButLeftTheHalfProbeIdle_GetsTheHalfWidth(int half, int width, bool idle)
    {
        // 9 of 16 is at most 60 % of the half probe's width, 10 of 16 is more.
        var shape = TwoWidthSizer.Recommend(Pair([(18, half, 0.5), (10, 8, 0.5)]), Widths);

        Assert.Equal(width, shape.Layers[0].Width);
        Assert.Equal(idle, shape.Layers[0].IdleAtHalfWidth);
        Assert.Equal(!idle, shape.Layers[0].Saturated);
    }

    [Theory]
    [InlineData(0.97, 6, "nearly its input")]
    [InlineData(0.5, 2, "uses only 2 directions")]
    public void Recommend_SecondLayerThatChangesNothing_IsLeftOutOfTheDepth(double cka, int dimension, string reason)
    {
        var shape = TwoWidthSizer.Recommend(Pair([(10, 9, 0.5), (dimension, dimension, cka)]), Widths);

        Assert.Equal(1, shape.Depth);
        Assert.Equal([32], shape.Hidden);
        Assert.Contains(reason, shape.DepthReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Recommend_EveryLayerChangesItsInput_KeepsTheProbesDepth()
    {
        var shape = TwoWidthSizer.Recommend(Pair([(10, 9, 0.5), (6, 6, 0.8)]), Widths);

        Assert.Equal(2, shape.Depth);
        Assert.StartsWith("depth 2: every layer after the first changes its input", shape.DepthReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.55, 0.75, 0)]
    [InlineData(0.75, 0.55, 1)]
    [InlineData(0.6, 0.6, 0)]
    public void Recommend_NamesTheLayerLeastLikeItsInputInTheWideProbe_TheInputSideOnATie(double firstCka, double secondCka, int bottleneck)
    {
        // fc2 uses fewer directions in both probes: the old rule would have named it every time.
        var shape = TwoWidthSizer.Recommend(Pair([(10, 9, firstCka), (7, 6, secondCka)]), Widths);

        Assert.Equal(bottleneck, shape.Bottleneck);
        Assert.StartsWith($"fc{bottleneck + 1} is the bottleneck: its output is least like its input", shape.BottleneckReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(32, 0)]
    [InlineData(98, 1)]
    public void Recommend_FirstLayerReadingMoreInputDirectionsThanItHasUnits_IsJudgedAgainstTheMostItsWidthCanKeep(int? inputDimension, int bottleneck)
    {
        // 32 units keep at most sqrt(32/98) = 0.57 of 98 even directions' CKA: fc1's 0.44 is 0.77 of that, above fc2's 0.6.
        var shape = TwoWidthSizer.Recommend(Pair([(20, 12, 0.44), (10, 8, 0.6)], inputDimension: inputDimension), Widths);

        Assert.Equal(bottleneck, shape.Bottleneck);
        Assert.Equal(inputDimension == 98, shape.BottleneckReason.Contains("of the 0.57 that 32 units can reach on 98 input directions", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(32, null, 1.0)]
    [InlineData(32, 32, 1.0)]
    [InlineData(16, 64, 0.5)]
    public void CkaCeiling_IsTheSquareRootOfTheShareOfInputDirectionsALayerCanKeep(int width, int? inputDimension, double ceiling) =>
        Assert.Equal(ceiling, TwoWidthSizer.CkaCeiling(width, inputDimension), 12);

    [Theory]
    [InlineData(9, 6, 1)]
    [InlineData(6, 6, 0)]
    [InlineData(5, 6, 0)]
    public void Recommend_WithoutLinearCka_NamesTheLayerWithTheFewestDirectionsInTheHalfProbe_TheInputSideOnATie(int firstHalf, int secondHalf, int bottleneck)
    {
        var shape = TwoWidthSizer.Recommend(Pair([(10, firstHalf, 0.5), (7, secondHalf, 0.5)], measureUse: false), Widths);

        Assert.Equal(bottleneck, shape.Bottleneck);
        Assert.StartsWith($"fc{bottleneck + 1} is the bottleneck: it uses the fewest directions", shape.BottleneckReason, StringComparison.Ordinal);
    }

    [Fact]
    public void WithDepth_OneLayer_LeavesOutTheLayerMostLikeItsInput()
    {
        var shape = TwoWidthSizer.Recommend(Pair([(10, 9, 0.5), (6, 6, 0.7), (5, 5, 0.9)]), Widths);

        var shallower = TwoWidthSizer.WithDepth(shape, 2);

        Assert.Equal([32, 16], shallower.Hidden);
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoWidthSizer.WithDepth(shape, 4));
    }
}

using CapacityGrid.Analysis.Measures.Pruning;
using CapacityGrid.Analysis.Measures.Weights;

namespace CapacityGrid.Analysis.Tests.Measures.Pruning;

public sealed class MagnitudeRankingTests
{
    private static readonly WeightMatrix[] Layers =
    [
        new("fc1", 1, 3, [0.5f, -0.1f, 2f], [9f]),
        new("out", 1, 2, [-0.3f, 0.05f], [0f]),
    ];

    [Fact]
    public void Keep_FortyPercent_RemovesTheTwoSmallestMagnitudesAcrossLayers()
    {
        var keep = MagnitudeRanking.Of(Layers).Keep(0.4);

        Assert.Equal([true, false, true], keep[0]);
        Assert.Equal([true, false], keep[1]);
    }

    [Fact]
    public void Keep_IncreasingFractions_PrunedSetsAreNested()
    {
        var random = new Random(8);
        var layers = new[] { 12, 30, 7 }.Select((n, i) => new WeightMatrix($"l{i}", 1, n, [.. Enumerable.Range(0, n).Select(_ => (float)Math.Round(random.NextDouble() - 0.5, 1))])).ToArray();
        var ranking = MagnitudeRanking.Of(layers);
        var fractions = Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray();

        var masks = fractions.Select(f => ranking.Keep(f).SelectMany(k => k).ToArray()).ToArray();

        for (var f = 0; f < fractions.Length; f++)
        {
            Assert.Equal(ranking.PrunedCount(fractions[f]), masks[f].Count(k => !k));
            if (f > 0)
            {
                // Rounded magnitudes tie often; the fixed order still never brings back a pruned weight.
                Assert.All(Enumerable.Range(0, masks[f].Length), i => Assert.True(masks[f - 1][i] || !masks[f][i]));
            }
        }
        Assert.All(masks[^1], k => Assert.False(k));
    }
}

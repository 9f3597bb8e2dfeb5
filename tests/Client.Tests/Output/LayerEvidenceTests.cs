using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Client.Output;

namespace CapacityGrid.Client.Tests.Output;

public sealed class LayerEvidenceTests
{
    [Fact]
    public void Sentence_TwoNNLayer_NamesWidthDimensionProbeWidthAndDelveDirections()
    {
        var layer = new LayerRecommendation("fc1", 32, 0.34, 11, 9.4, 9.4, "twonn", 16, Saturated: false);

        Assert.Equal(
            "fc1: 16 units, because it uses 9.4 dimensions (TwoNN dimension of its output) of the probe's 32; 11 directions hold 99 % of its pre-activation variance.",
            LayerEvidence.Sentence(layer));
    }

    [Fact]
    public void Sentence_SaturatedLayer_SaysTheWidthIsALowerBound()
    {
        var layer = new LayerRecommendation("fc2", 16, 0.97, 16, null, 16, "saturation", 24, Saturated: true);

        var sentence = LayerEvidence.Sentence(layer);

        Assert.StartsWith("fc2: 24 units, because it uses 16.0 dimensions (Delve saturation dimension) of the probe's 16.", sentence, StringComparison.Ordinal);
        Assert.Contains("lower bound", sentence, StringComparison.Ordinal);
    }
}

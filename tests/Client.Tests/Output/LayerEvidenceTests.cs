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

    [Fact]
    public void Sentence_TwoWidthLayerThatStayedPut_NamesBothProbesDimensionsAndThatItFoundItsSize()
    {
        var layer = new LayerRecommendation("fc2", 32, 0.28, 9, 6.8, 9, "two-width", 32, Saturated: false, 16, 8, 16.1, 0.86);

        Assert.Equal(
            "fc2: 32 units, because 9 directions hold 99 % of its pre-activation variance in the 32-wide probe and 8 in the 16-wide one: " +
            "it grew by at most 25 % when the width doubled, so it has found its size, and 2 ReLU units per direction pass it unclipped " +
            "(effective rank 16.1, TwoNN dimension 6.8, linear CKA with its input 0.86).",
            LayerEvidence.Sentence(layer));
    }

    [Fact]
    public void Sentence_TwoWidthLayerThatGrew_SaysItWantsAtLeastTheProbesWidth()
    {
        var layer = new LayerRecommendation("fc1", 32, 0.56, 18, 13.3, 18, "two-width", 32, Saturated: true, 16, 12);

        var sentence = LayerEvidence.Sentence(layer);

        Assert.StartsWith("fc1: 32 units, because 18 directions hold 99 % of its pre-activation variance in the 32-wide probe and 12 in the 16-wide one: it grew by more than 25 %", sentence, StringComparison.Ordinal);
        Assert.Contains("lower bound", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Sentence_TwoWidthLayerThatGrewButLeftTheHalfProbeIdle_SaysTheHalfWidthIsEnough()
    {
        var layer = new LayerRecommendation("fc2", 32, 0.56, 18, 9.7, 18, "two-width", 16, Saturated: false, 16, 9, IdleAtHalfWidth: true);

        Assert.Equal(
            "fc2: 16 units, because 18 directions hold 99 % of its pre-activation variance in the 32-wide probe and 9 in the 16-wide one: " +
            "it grew by more than 25 % with the width, but the 16-wide layer left directions idle (it used 9 of 16, at most 60 %), " +
            "so the growth is variance it does not need and the half width is enough (TwoNN dimension 9.7).",
            LayerEvidence.Sentence(layer));
    }
}

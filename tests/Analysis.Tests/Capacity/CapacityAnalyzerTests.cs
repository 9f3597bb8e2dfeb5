using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Measures.Dataset;

namespace CapacityGrid.Analysis.Tests.Capacity;

public sealed class CapacityAnalyzerTests
{
    private static CapacityPoint P(int[] hidden, int seed, double accuracy, params double[] saturation) => new(
        $"{CapacityPoint.ShapeKey(hidden)}/{seed}", hidden, seed, hidden.Sum() * 10, accuracy, accuracy + 0.01, 100.0 * seed, hidden.Sum(),
        [.. hidden.Select((w, i) => new LayerObservation($"fc{i + 1}", w, saturation.Length > i ? saturation[i] : null, saturation.Length > i ? null : "not measured", OutputDimension: 3))]);

    [Fact]
    public void Analyze_SeedsOfAShape_AggregatesMeanAndSampleStd()
    {
        var report = CapacityAnalyzer.Analyze([P([4], 1, 0.80, 1), P([4], 2, 0.84, 1), P([4], 3, 0.82, 1)], [], null);

        var c = Assert.Single(report.Configurations);
        Assert.Equal(0.82, c.MeanTestAccuracy, 12);
        Assert.Equal(0.02, c.StdTestAccuracy, 12);
        Assert.Equal(200, c.WeightEntropyBits!.Value, 12);
        Assert.Equal(3, c.Seeds);
        Assert.Equal(["4/1", "4/2", "4/3"], c.PointIds);
    }

    [Fact]
    public void Analyze_SaturatedNarrowLayerThatWideningHelps_IsABottleneckWithItsEvidence()
    {
        var points = new[] { P([2, 8], 1, 0.60, 1.0, 0.3), P([2, 8], 2, 0.62, 1.0, 0.3), P([8, 8], 1, 0.90, 0.4, 0.3), P([8, 8], 2, 0.90, 0.4, 0.3) };

        var report = CapacityAnalyzer.Analyze(points, [], null);

        var verdict = Assert.Single(report.Verdicts, v => v.Kind == LayerVerdictKind.Bottleneck);
        Assert.Equal(("2-8", 0, "fc1"), (verdict.Configuration, verdict.LayerIndex, verdict.Layer));
        Assert.True(verdict.Valid);
        Assert.Equal(8, verdict.Numbers["widerWidth"]);
        Assert.Equal(0.29, verdict.Numbers["gain"], 12);
        Assert.Equal(["2-8/1", "2-8/2", "8-8/1", "8-8/2"], verdict.PointIds);
        Assert.Contains("widening it to 8 (8-8) raises", verdict.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_OneLayerBottleneck_NamesTheWiderWidthOnce()
    {
        var points = new[] { P([2], 1, 0.60, 1.0, 0.3), P([2], 2, 0.62, 1.0, 0.3), P([8], 1, 0.90, 0.4, 0.3), P([8], 2, 0.90, 0.4, 0.3) };

        var verdict = Assert.Single(CapacityAnalyzer.Analyze(points, [], null).Verdicts, v => v.Kind == LayerVerdictKind.Bottleneck);

        Assert.Contains("widening it to 8 raises", verdict.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_SaturatedLayerWhoseWideningGainsLessThanTheTolerance_IsNoBottleneck()
    {
        var points = new[] { P([4], 1, 0.900, 1.0), P([4], 2, 0.902, 1.0), P([8], 1, 0.903, 0.9), P([8], 2, 0.903, 0.9) };

        var report = CapacityAnalyzer.Analyze(points, [], null);

        Assert.DoesNotContain(report.Verdicts, v => v.Kind == LayerVerdictKind.Bottleneck);
    }

    [Fact]
    public void Analyze_UnsaturatedLayerWhoseWideningHelps_IsNoBottleneckUnlessNarrowerThanItsInput()
    {
        var points = new[] { P([4], 1, 0.70, 0.5), P([4], 2, 0.70, 0.5), P([8], 1, 0.90, 0.5), P([8], 2, 0.90, 0.5) };

        var withoutDimension = CapacityAnalyzer.Analyze(points, [], null);
        var narrowerThanInput = CapacityAnalyzer.Analyze(points, [], inputDimension: 6);

        Assert.DoesNotContain(withoutDimension.Verdicts, v => v.Kind == LayerVerdictKind.Bottleneck);
        var verdict = Assert.Single(narrowerThanInput.Verdicts, v => v.Kind == LayerVerdictKind.Bottleneck);
        Assert.Equal("4", verdict.Configuration);
        Assert.Equal(6, verdict.Numbers["inputDimension"]);
    }

    [Fact]
    public void Analyze_LowSaturationLayerThatNarrowingCostsNothing_IsOversizedPointingAtTheNarrowestSuchWidth()
    {
        var points = new[]
        {
            P([2], 1, 0.70, 1.0), P([2], 2, 0.70, 1.0), P([8], 1, 0.899, 0.9), P([8], 2, 0.899, 0.9),
            P([64], 1, 0.90, 0.2), P([64], 2, 0.90, 0.2),
        };

        var report = CapacityAnalyzer.Analyze(points, [], null);

        var verdict = Assert.Single(report.Verdicts, v => v.Kind == LayerVerdictKind.Oversized);
        Assert.Equal("64", verdict.Configuration);
        Assert.Equal(8, verdict.Numbers["narrowerWidth"]);
        Assert.True(verdict.Valid);
    }

    [Fact]
    public void Analyze_OneSeedPerShape_MarksVerdictsInvalidWithTheReason()
    {
        var report = CapacityAnalyzer.Analyze([P([2], 1, 0.6, 1.0), P([8], 1, 0.9, 0.9)], [], null);

        var verdict = Assert.Single(report.Verdicts);
        Assert.False(verdict.Valid);
        Assert.Contains("too few seeds", verdict.ValidityNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_SaturationNotMeasured_MarksTheVerdictInvalidNamingTheReason()
    {
        var points = new[] { P([2], 1, 0.6), P([2], 2, 0.6), P([8], 1, 0.9), P([8], 2, 0.9) };

        var report = CapacityAnalyzer.Analyze(points, [], null);

        var verdict = Assert.Single(report.Verdicts, v => v.Kind == LayerVerdictKind.Bottleneck);
        Assert.False(verdict.Valid);
        Assert.Contains("not measured", verdict.ValidityNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ShapesThatDifferInTwoLayers_AreNotComparedForAVerdict()
    {
        var points = new[] { P([2, 2], 1, 0.6, 1, 1), P([2, 2], 2, 0.6, 1, 1), P([8, 8], 1, 0.9, 1, 1), P([8, 8], 2, 0.9, 1, 1) };

        var report = CapacityAnalyzer.Analyze(points, [], null);

        Assert.Empty(report.Verdicts);
    }

    [Fact]
    public void Analyze_DatasetEstimates_RatiosOfEveryKneeCapacityToEveryPresentEstimateAndNotesTheAbsent()
    {
        var points = new[] { P([4], 1, 0.9, 1.0), P([4], 2, 0.9, 1.0) };
        DatasetEstimate[] estimates = [new("labelEntropy", 400, "H(Y) x n"), new("prequential", null, "not measured")];

        var report = CapacityAnalyzer.Analyze(points, estimates, null);

        var ratios = report.Knee!.Ratios;
        Assert.Equal(["parameters", "architectureBits", "weightEntropyBits"], ratios.Select(r => r.Capacity));
        Assert.All(ratios, r => Assert.Equal("labelEntropy", r.DatasetEstimate));
        Assert.Equal(40.0 / 400, ratios[0].Ratio, 12);
        Assert.Equal(150.0 / 400, ratios[2].Ratio, 12);
        Assert.Contains(report.Notes, n => n.Contains("prequential absent: not measured", StringComparison.Ordinal));
    }

    [Fact]
    public void FromMeasures_DatasetMeasures_ScalesPerSampleEstimatesBySamplesAndKeepsTotals()
    {
        var measures = new DatasetMeasures(
            100, 8, 3, 1.5, 40, new CompressedBitsPerSample(25, 20, 30, RawBytes: false),
            new IntrinsicDimensionMeasures(7.5, 7, 100, 10, null, null), new MecMeasures(30, 300, 200, 40, null),
            new MutualInformationMeasures(null, null, 100, "none", 3, "too few samples"), new PrequentialMeasures(null, 160, "MLP", "not measured"));

        var estimates = DatasetEstimates.FromMeasures(measures).ToDictionary(e => e.Name);

        Assert.Equal(150, estimates["labelEntropy"].Bits);
        Assert.Equal(2000, estimates["compression"].Bits);
        Assert.Equal(30, estimates["mecEstimate"].Bits);
        Assert.Equal(300, estimates["mecMax"].Bits);
        Assert.Equal(200, estimates["mecDictionary"].Bits);
        Assert.Null(estimates["ksgMutualInformation"].Bits);
        Assert.Equal("too few samples", estimates["ksgMutualInformation"].Note);
        Assert.Null(estimates["prequential"].Bits);
        Assert.Equal(7.5, DatasetEstimates.IntrinsicDimension(measures));
    }
}

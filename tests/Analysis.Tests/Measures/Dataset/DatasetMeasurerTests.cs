using System.Text.Json;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Dataset;

public sealed class DatasetMeasurerTests
{
    private static TabularData Spread(int[] labels, int classes, int seed)
    {
        var random = new Random(seed);
        var features = Enumerable.Range(0, labels.Length * 4).Select(_ => (float)random.NextDouble()).ToArray();
        return new TabularData(features, labels.Length, 4, labels, classes);
    }

    [Fact]
    public void Measure_IrisClassCounts_LabelEntropyIsLog2Of3()
    {
        var data = Spread(Synthetic.Labels(50, 50, 50), 3, seed: 1);

        var measures = new DatasetMeasurer().Measure(data, TestContext.Current.CancellationToken);

        Assert.Equal(1.584963, measures.LabelEntropyBits, 6);
    }

    [Fact]
    public void Measure_WineClassCounts_LabelEntropyMatchesReference()
    {
        var data = Spread(Synthetic.Labels(59, 71, 48), 3, seed: 2);

        var measures = new DatasetMeasurer().Measure(data, TestContext.Current.CancellationToken);

        Assert.Equal(1.566822, measures.LabelEntropyBits, 6);
    }

    [Fact]
    public void Measure_ImageLikeData_EveryMeasureHasAValue()
    {
        var images = Synthetic.Images(1000, seed: 3);

        var m = new DatasetMeasurer().Measure(images, TestContext.Current.CancellationToken);

        Assert.Equal((1000, 784, 10), (m.Samples, m.Features, m.Classes));
        Assert.InRange(m.LabelEntropyBits, 3.2, Math.Log2(10));
        Assert.InRange(m.FeatureEntropyBitsPerSample, 1, 8 * 784);
        Assert.True(m.CompressedBitsPerSample.Best < m.CompressedBitsPerSample.Deflate);
        Assert.InRange(m.IntrinsicDimension.TwoNN!.Value, 1, 784);
        Assert.InRange(m.IntrinsicDimension.Mle!.Value, 1, 784);
        Assert.Equal(1000, m.IntrinsicDimension.SamplesUsed);
        Assert.True(m.Mec.EstimateBits > 0);
        // The shapes tell the classes apart well, and no estimate may exceed H(Y).
        Assert.InRange(m.MutualInformation.KsgBits!.Value, 1, m.LabelEntropyBits + 0.05);
    }

    [Fact]
    public void Measure_MoreSamplesThanTheCap_UsesTheSeededSubsample()
    {
        var images = Synthetic.Images(400, seed: 4);
        var options = new DatasetMeasurerOptions { MaxNeighbourSamples = 150, Seed = 5 };

        var first = new DatasetMeasurer(options).Measure(images, TestContext.Current.CancellationToken);
        var again = new DatasetMeasurer(options).Measure(images, TestContext.Current.CancellationToken);

        Assert.Equal(150, first.IntrinsicDimension.SamplesUsed);
        Assert.Equal(150, first.MutualInformation.SamplesUsed);
        Assert.Equal(first.IntrinsicDimension, again.IntrinsicDimension);
        Assert.Equal(first.MutualInformation, again.MutualInformation);
    }

    [Fact]
    public void Measure_SingleClass_ReportsZeroMutualInformationAndCapacityWithReasons()
    {
        var data = Spread(new int[60], 1, seed: 6);

        var m = new DatasetMeasurer().Measure(data, TestContext.Current.CancellationToken);

        Assert.Equal(0.0, m.LabelEntropyBits);
        Assert.Equal(0.0, m.MutualInformation.KsgBits);
        Assert.Contains("single class", m.MutualInformation.KsgReason);
        Assert.Equal(0.0, m.Mec.EstimateBits);
        Assert.NotNull(m.Mec.Reason);
    }

    [Fact]
    public void Measure_FewerSamplesThanMleNeighbours_IsNullWithReasons()
    {
        var data = Spread([0, 1, 0, 1, 0, 1, 0, 1], 2, seed: 7);

        var m = new DatasetMeasurer().Measure(data, TestContext.Current.CancellationToken);

        Assert.NotNull(m.IntrinsicDimension.TwoNN);
        Assert.Null(m.IntrinsicDimension.Mle);
        Assert.Contains("at least 11 samples", m.IntrinsicDimension.MleReason);
    }

    [Fact]
    public void Measure_TwoSamples_NeighbourMeasuresAreNullWithReasons()
    {
        var data = Spread([0, 1], 2, seed: 8);

        var m = new DatasetMeasurer().Measure(data, TestContext.Current.CancellationToken);

        Assert.Null(m.IntrinsicDimension.TwoNN);
        Assert.Null(m.IntrinsicDimension.Mle);
        Assert.NotNull(m.IntrinsicDimension.TwoNNReason);
        Assert.NotNull(m.IntrinsicDimension.MleReason);
        Assert.Null(m.MutualInformation.KsgBits);
        Assert.Contains("no class has two samples", m.MutualInformation.KsgReason);
    }

    [Fact]
    public void Measure_NaNFeature_ThrowsNamingSampleAndFeature()
    {
        var data = Spread([0, 1, 0, 1], 2, seed: 9);
        data.Features[3 * 4 + 2] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => new DatasetMeasurer().Measure(data, TestContext.Current.CancellationToken));

        Assert.Contains("feature 2 of sample 3", error.Message);
    }

    [Fact]
    public void Measure_LabelOutsideTheClasses_Throws()
    {
        var data = Spread([0, 1, 5, 1], 2, seed: 10);

        Assert.Throws<ArgumentException>(() => new DatasetMeasurer().Measure(data, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Options_NonsenseSetting_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatasetMeasurer(new DatasetMeasurerOptions { MleNeighbours = 1 }));
    }

    [Fact]
    public void Serialize_CamelCase_GivesTheStableKeys()
    {
        var m = new DatasetMeasurer().Measure(Spread([0, 1, 0, 1, 0, 1, 0, 1], 2, seed: 11), TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(m, JsonSerializerOptions.Web));

        var root = json.RootElement;
        foreach (var key in new[] { "samples", "features", "classes", "labelEntropyBits", "featureEntropyBitsPerSample" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty(key).ValueKind);
        }
        var compressed = root.GetProperty("compressedBitsPerSample");
        foreach (var key in new[] { "deflate", "brotli", "zstd", "best" })
        {
            Assert.Equal(JsonValueKind.Number, compressed.GetProperty(key).ValueKind);
        }
        Assert.Equal(JsonValueKind.Number, root.GetProperty("intrinsicDimension").GetProperty("twoNN").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("intrinsicDimension").GetProperty("mle").ValueKind);
        Assert.Equal(JsonValueKind.String, root.GetProperty("intrinsicDimension").GetProperty("mleReason").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("mec").GetProperty("estimateBits").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("mec").GetProperty("maxBits").ValueKind);
        Assert.True(root.GetProperty("mutualInformation").TryGetProperty("ksgBits", out _));
    }
}

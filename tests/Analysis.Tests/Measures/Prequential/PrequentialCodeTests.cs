using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Prequential;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Measures.Prequential;

public sealed class PrequentialCodeTests
{
    private static readonly TrainOptions Training = new(Epochs: 10, LearningRate: 3e-3, BatchSize: 32);

    [Fact]
    public void Measure_RandomLabels_IsCloseToTheUniformCode()
    {
        var random = new Random(11);
        var x = Generated.NormalFloats(random, 1500 * 8);
        var y = Enumerable.Range(0, 1500).Select(_ => random.Next(4)).ToArray();
        var data = new TabularData(x, 1500, 8, y, 4);

        var report = PrequentialCode.Measure(data, new MlpSpec(8, [32], 4), Training, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1500 * 2.0, report.UniformBits);
        // Labels independent of x: in expectation no code beats n·H(Y) ≈ n·log2 K, so only luck takes it below
        // (3 % of 3,000 bits is 90 bits, far more than 1,500 fair 4-way draws fall short of 2 bits each).
        // Above: a model fitted to noise is over-confident on new samples; this one costs 2 % (measured 1-6 %
        // over 5-20 epochs and widths 16-64), so 10 % catches a broken coder without tracking training noise.
        Assert.InRange(report.TotalBits / report.UniformBits, 0.97, 1.10);
    }

    [Fact]
    public void Measure_TeacherLabels_IsMuchShorterThanTheUniformCode()
    {
        var data = new TeacherDataset(8, [4], 3, 1500, 0, 13).Generate();

        var report = PrequentialCode.Measure(data, new MlpSpec(8, [32], 3), Training, cancellationToken: TestContext.Current.CancellationToken);

        // Measured 4.5: the labels are a function of x that the student can represent.
        Assert.True(report.CompressionRatio > 3, $"compression {report.CompressionRatio:F2}: {report.TotalBits:F0} of {report.UniformBits:F0} bits");
    }

    [Fact]
    public void Measure_DefaultBoundaries_CodesTheFirstBlockUniformlyAndCoversEverySampleOnce()
    {
        var data = new TeacherDataset(6, [8], 3, 1000, 0, 13).Generate();

        var report = PrequentialCode.Measure(data, new MlpSpec(6, [8], 3), Training with { Epochs = 1 }, cancellationToken: TestContext.Current.CancellationToken);

        // round(p · 1000 / 100) for p = 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.25, 12.5, 25, 50, 100 (6.25 -> 62.5 rounds to even).
        Assert.Equal([1, 2, 4, 8, 16, 32, 62, 125, 250, 500, 1000], report.Blocks.Select(b => b.End));
        Assert.Equal(0, report.Blocks[0].Start);
        Assert.All(report.Blocks.Zip(report.Blocks.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Equal("uniform", report.Blocks[0].Coder);
        Assert.Equal(Math.Log2(3), report.Blocks[0].Bits, 12);
        Assert.All(report.Blocks.Skip(1), b => Assert.Equal("model", b.Coder));
        Assert.Equal(report.Blocks.Sum(b => b.Bits), report.TotalBits, 9);
    }

    [Fact]
    public void Ends_BoundariesFinerThanOneSample_DropsEmptyBlocks()
    {
        Assert.Equal([1, 2, 10], PrequentialCode.Ends(10, [1, 5, 10, 20, 100]));
    }

    [Fact]
    public void Measure_BoundariesNotEndingAtAHundred_Throws()
    {
        var data = new TeacherDataset(6, [8], 3, 100, 0, 13).Generate();

        var error = Assert.Throws<ArgumentException>(() => PrequentialCode.Measure(data, new MlpSpec(6, [8], 3), Training,
            new PrequentialOptions { BoundariesPercent = [10, 50] }, TestContext.Current.CancellationToken));

        Assert.Contains("100 %", error.Message);
    }
}

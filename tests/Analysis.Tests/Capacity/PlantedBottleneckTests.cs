using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Capacity;

/// <summary>
/// The suite's validation on data with a bottleneck of known width: a teacher whose hidden layer
/// <c>planted</c> units wide every label passes through. The grid sweeps one student layer's width (an hourglass);
/// the knee on that axis must lie within one grid step of the planted width, and the bottleneck verdicts must
/// name the swept layer.
/// </summary>
[Collection(nameof(Training.SerialTorch))]
public sealed class PlantedBottleneckTests
{
    private static readonly int[] Seeds = [1, 2];

    [Theory]
    // Each axis reaches at least two steps above the planted width, so a knee stuck at the axis' end cannot pass.
    [InlineData(new[] { 2, 32 }, new[] { 0, 32 }, 0, new[] { 1, 2, 4, 8, 16 })]
    [InlineData(new[] { 4, 32 }, new[] { 32, 0, 32 }, 1, new[] { 1, 2, 4, 8, 16 })]
    [InlineData(new[] { 8, 32 }, new[] { 32, 0 }, 1, new[] { 2, 4, 8, 16, 32 })]
    public void Analyze_PlantedBottleneck_KneeWithinOneStepAndVerdictOnTheSweptLayer(int[] teacher, int[] student, int sweptLayer, int[] axis)
    {
        var token = TestContext.Current.CancellationToken;
        var planted = teacher[0];
        var data = DataSplit.Holdout(new TeacherDataset(16, teacher, 10, 4000, 0, 11).Generate(), 0.25, 11, "teacher").Standardised();
        var shapes = axis.Select(b => student.Select((w, i) => i == sweptLayer ? b : w).ToArray());
        var points = GridTraining.Train(data, shapes, Seeds, new TrainOptions(10, LearningRate: 0.02, BatchSize: 256), token);

        var report = CapacityAnalyzer.Analyze(points, [], GridTraining.InputDimension(data, token));

        var table = string.Join("; ", report.Configurations.Select(c => $"{c.Key} {c.MeanTestAccuracy:F3}±{c.StdTestAccuracy:F3} sat {string.Join('/', c.Layers.Select(l => l.MeanSaturation?.ToString("F2")))}"));
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        var kneeWidth = report.Knee!.Configuration.HiddenWidths[sweptLayer];
        var step = Math.Abs(Array.IndexOf(axis, kneeWidth) - Array.IndexOf(axis, planted));
        Assert.True(step <= 1, $"knee {report.Knee.Configuration.Key} is {step} steps from the planted width {planted}: {table}");
        var bottlenecks = report.Verdicts.Where(v => v.Kind == LayerVerdictKind.Bottleneck && v.Valid).ToList();
        Assert.True(bottlenecks.Count > 0, $"no valid bottleneck verdict: {table}");
        Assert.All(bottlenecks, v => Assert.Equal(sweptLayer, v.LayerIndex));
        Assert.Contains(bottlenecks, v => v.Numbers["width"] < planted);
    }
}

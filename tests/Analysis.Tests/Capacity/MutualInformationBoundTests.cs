using System.Text.Json;
using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Capacity;

public sealed class MutualInformationBoundTests
{
    [Fact]
    public void Analyze_NoiselessTeacherData_FlagsKsgBelowTheVariationalBoundAndRatiosUseTheBound()
    {
        // The quickstart's data: labels a function of X, so I(X;Y) = H(Y).
        var data = DataSplit.Holdout(new TeacherDataset(16, [32, 8], 4, 4000, 0, 7).Generate(), 0.2, 7, "teacher").Standardised();
        var measures = new DatasetMeasurer().Measure(data.Train, TestContext.Current.CancellationToken);
        var points = GridTraining.Train(data, [[8], [64, 64]], [1], new TrainOptions(Epochs: 15, LearningRate: 0.003, Device: DeviceKind.Cpu), TestContext.Current.CancellationToken);

        var report = CapacityAnalyzer.Analyze(points, DatasetEstimates.FromMeasures(measures), DatasetEstimates.IntrinsicDimension(measures),
            datasetSamples: DatasetEstimates.SampleCount(measures));

        var estimates = DatasetEstimates.FromMeasures(measures);
        var samples = DatasetEstimates.SampleCount(measures)!.Value;
        var entropyBits = estimates.Single(e => e.Name == "labelEntropy").Bits!.Value;
        var ksgBits = estimates.Single(e => e.Name == "ksgMutualInformation").Bits!.Value;
        var bestLoss = points.Min(p => p.TestLoss!.Value);
        var boundBits = (entropyBits / samples - bestLoss / Math.Log(2)) * samples;
        Assert.InRange(boundBits, ksgBits, entropyBits);
        Assert.Contains(report.Notes, n => n.StartsWith("ksgMutualInformation ", StringComparison.Ordinal) && n.Contains("below the variational lower bound"));
        var ratios = report.Knee!.Ratios;
        var variational = Assert.Single(ratios, r => r.Capacity == "parameters" && r.DatasetEstimate == MutualInformationBound.Variational);
        var larger = Assert.Single(ratios, r => r.Capacity == "parameters" && r.DatasetEstimate == MutualInformationBound.Larger);
        Assert.Equal(boundBits, variational.DatasetBits, 6);
        Assert.Equal(boundBits, larger.DatasetBits, 6);
        Assert.StartsWith("variational lower bound (H(Y) ", larger.Note);
        Assert.Single(ratios, r => r.Capacity == "parameters" && r.DatasetEstimate == "ksgMutualInformation");
    }

    [Fact]
    public void Of_KsgAboveTheBound_UsesKsgAndFlagsNothing()
    {
        DatasetEstimate[] estimates = [new("labelEntropy", 2000, "H(Y)"), new("ksgMutualInformation", 1500, "KSG")];
        CapacityPoint[] points = [new("a", [8], 1, 100, 0.9, TestLoss: Math.Log(2))];

        var (added, flag) = MutualInformationBound.Of(estimates, points, 1000);

        // H(Y) 2 bits - 1 bit of cross-entropy: 1 bit per sample, below KSG's 1.5.
        Assert.Null(flag);
        Assert.Equal(1000, added.Single(e => e.Name == MutualInformationBound.Variational).Bits!.Value, 6);
        Assert.Equal(1500, added.Single(e => e.Name == MutualInformationBound.Larger).Bits);
    }
}

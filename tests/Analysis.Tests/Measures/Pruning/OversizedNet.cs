using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Measures.Pruning;

/// <summary>An 8-128-128-3 net (17,792 weights) trained on labels of an 8-4-3 teacher: far more capacity than the task needs.</summary>
public sealed class OversizedNet
{
    // 1,000 test samples: the 0.5-point tolerance is 5 samples, not 1.5.
    public OversizedNet()
    {
        Data = DataSplit.Holdout(new TeacherDataset(8, [4], 3, 2500, 0, 21).Generate(), 0.4, 21, "teacher").Standardised();
        byte[]? last = null;
        ClassifierTrainer.Train(Data, Spec, new TrainOptions(Epochs: 8, LearningRate: 3e-3), e => last = e.Checkpoint);
        Checkpoint = last!;
    }

    public MlpSpec Spec { get; } = new(8, [128, 128], 3);

    public DataSplit Data { get; }

    public byte[] Checkpoint { get; }
}

using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Data.Synthetic;

namespace CapacityGrid.Analysis.Tests.Training;

/// <summary>Small real training data for trainer tests: a teacher dataset split into train and test.</summary>
internal static class TrainingData
{
    /// <summary>3000 samples, 12 features, 4 classes labelled by a 24-unit teacher; 20 % held out.</summary>
    public static DataSplit TeacherSplit(int seed = 3, int samples = 3000) =>
        DataSplit.Holdout(new TeacherDataset(12, [24], 4, samples, 0, seed).Generate(), 0.2, seed, "teacher").Standardised();
}

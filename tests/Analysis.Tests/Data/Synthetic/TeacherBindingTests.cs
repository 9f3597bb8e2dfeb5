using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Tests.Data.Synthetic;

/// <summary>Planted truth that binds: a binding teacher's narrow layer is one its labels need.</summary>
[Collection(nameof(Analysis.Tests.Training.SerialTorch))]
public sealed class TeacherBindingTests
{
    [Theory]
    [InlineData(new[] { 40, 5, 40 }, 1, 5)]
    [InlineData(new[] { 8, 32 }, 0, 8)]
    [InlineData(new[] { 32, 4 }, 1, 4)]
    [InlineData(new[] { 24, 6, 24 }, 1, 6)]
    public void GenerateChecked_BindingTeacher_PlantedLayerBindsAtItsFullWidth(int[] hidden, int plantedLayer, int width)
    {
        var (_, binding) = new TeacherDataset(12, hidden, 8, 1000, 0, 3, Binding: true).GenerateChecked();

        Assert.NotNull(binding);
        Assert.Equal(plantedLayer, binding.PlantedLayer);
        Assert.Equal(width, binding.Width);
        Assert.True(binding.Binds, binding.Describe());
        Assert.Equal(width, binding.EffectiveWidth);
        Assert.InRange(binding.CutAgreement, 0, 1 - TeacherBinding.MinCutLoss);
    }

    [Fact]
    public void GenerateChecked_GaussianTeacherWithLopsidedClasses_IsReportedAsNotBinding()
    {
        // The teacher shape: i.i.d. Gaussian weights put 79 % of the labels in one class, and a cut to
        // 4 units at the middle layer still gives 98 % of its labels.
        var (data, binding) = new TeacherDataset(12, [40, 5, 40], 8, 4000, 0, 3).GenerateChecked();

        Assert.False(binding!.Binds, binding.Describe());
        Assert.True(data.Labels.GroupBy(l => l).Max(g => g.Count()) > 0.5 * data.Samples);
    }

    [Fact]
    public void GenerateChecked_PlantedLayerWiderThanTheMeasuredLimit_IsNotMeasured()
    {
        var (_, binding) = new TeacherDataset(8, [TeacherBinding.MaxMeasuredWidth + 1], 3, 200, 0, 1).GenerateChecked();

        Assert.Null(binding);
    }

    [Fact]
    public void Generate_BindingTeacher_GivesEveryClassAboutItsShare()
    {
        var data = new TeacherDataset(12, [40, 5, 40], 8, 8000, 0, 5, Binding: true).Generate();

        var shares = Enumerable.Range(0, 8).Select(k => data.Labels.Count(l => l == k) / 8000.0).ToArray();

        Assert.All(shares, s => Assert.InRange(s, 0.6 / 8, 1.4 / 8));
    }

    [Fact]
    public void Generate_BindingTeacherWithTheSameSeed_GivesTheSameSamples()
    {
        var a = new TeacherDataset(10, [16, 4], 5, 500, 0.1, 7, Binding: true).Generate();
        var b = new TeacherDataset(10, [16, 4], 5, 500, 0.1, 7, Binding: true).Generate();
        var plain = new TeacherDataset(10, [16, 4], 5, 500, 0.1, 7).Generate();

        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Labels, plain.Labels);
    }

    [Fact]
    public void Describe_BindingTeacher_NamesThePlantedLayerAndItsEffectiveWidth()
    {
        var teacher = new TeacherDataset(12, [32, 4], 8, 500, 0, 3, Binding: true);
        var (_, binding) = teacher.GenerateChecked();

        var text = teacher.Describe(binding);

        Assert.Contains("teacher 12-32-4-8 (orthogonal, balanced)", text, StringComparison.Ordinal);
        Assert.Contains("planted layer 2 width 4 binds (effective width 4", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_BindingTeacher_StudentNarrowerThanThePlantedLayerFitsClearlyWorse()
    {
        // The symptom of the issue: a student with a middle width of 1 fitted a random 12-40-5-40-8 teacher at 0.996.
        // On a binding teacher the width-1 student must fall well short of a student as wide as the planted layer.
        var token = TestContext.Current.CancellationToken;
        var data = DataSplit.Holdout(new TeacherDataset(12, [40, 5, 40], 8, 6000, 0, 3, Binding: true).Generate(), 0.25, 3, "teacher").Standardised();

        double Accuracy(int middle)
        {
            EpochReport? last = null;
            ClassifierTrainer.Train(data, new MlpSpec(12, [40, middle, 40], 8), new TrainOptions(15, LearningRate: 0.01, BatchSize: 128, Seed: 1), r => last = r, token);
            return last!.TrainAccuracy;
        }

        var narrow = Accuracy(1);
        var planted = Accuracy(5);

        Assert.True(narrow < planted - 0.15, $"width 1: {narrow:F3}, width 5: {planted:F3}");
    }
}

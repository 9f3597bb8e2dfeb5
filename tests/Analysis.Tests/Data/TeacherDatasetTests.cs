using CapacityGrid.Analysis.Data.Synthetic;

namespace CapacityGrid.Analysis.Tests.Data;

public sealed class TeacherDatasetTests
{
    [Fact]
    public void Generate_WithTheSameSeed_GivesTheSameSamples()
    {
        var a = new TeacherDataset(8, [6], 3, 500, 0.1, 42).Generate();
        var b = new TeacherDataset(8, [6], 3, 500, 0.1, 42).Generate();
        var c = new TeacherDataset(8, [6], 3, 500, 0.1, 43).Generate();

        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Labels, c.Labels);
    }

    [Fact]
    public void Generate_UsesEveryClassAndTheDeclaredShape()
    {
        var data = new TeacherDataset(10, [16, 4], 5, 2000, 0, 1).Generate();

        Assert.Equal(2000, data.Samples);
        Assert.Equal(10, data.FeatureCount);
        Assert.Equal(5, data.Labels.Distinct().Count());
    }

    [Fact]
    public void Generate_WithFullLabelNoise_GivesRoughlyUniformLabels()
    {
        var data = new TeacherDataset(4, [], 4, 8000, 1.0, 9).Generate();

        var shares = data.Labels.GroupBy(l => l).Select(g => g.Count() / 8000.0).ToArray();

        // 8000 uniform draws: each share is 0.25 with a standard deviation of about 0.005.
        Assert.All(shares, s => Assert.InRange(s, 0.23, 0.27));
    }
}

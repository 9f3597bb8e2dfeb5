using CapacityGrid.Analysis.Data;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Tests.Shared;

namespace CapacityGrid.Grains.Tests.Datasets;

public sealed class DatasetCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-cache-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_IrisCsv_SplitsTrainValidationTestAndStandardisesWithTrainingStatistics()
    {
        var iris = SystemPackage.SklearnData.File("iris.csv");

        var split = DatasetCache.Load(new DatasetSpec("csv", iris, TestFraction: 0.2, ValidationFraction: 0.1));

        Assert.Equal((105, 15, 30), (split.Train.Samples, split.Validation.Samples, split.Test.Samples));
        Assert.Equal((4, 3), (split.Train.FeatureCount, split.Train.Classes));
        Assert.Contains("setosa, versicolor, virginica", split.Description);
        for (var j = 0; j < 4; j++)
        {
            var column = Enumerable.Range(0, split.Train.Samples).Select(i => (double)split.Train.Row(i)[j]).ToArray();
            Assert.Equal(0, column.Average(), 5);
            Assert.Equal(1, column.Select(v => v * v).Average(), 4);
        }
    }

    [Fact]
    public void Load_BindingTeacher_DescriptionReportsThePlantedLayersEffectiveWidth()
    {
        var split = DatasetCache.Load(new DatasetSpec("teacher", InputDim: 12, TeacherHidden: [40, 5, 40], Classes: 8, Samples: 1000, Binding: true));

        Assert.Contains("teacher 12-40-5-40-8 (orthogonal, balanced)", split.Description, StringComparison.Ordinal);
        Assert.Contains("planted layer 2 width 5 binds (effective width 5", split.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadRaw_WithMaxTrainSamples_IsTheUnstandardisedTrainingRowsTheGridTrainsOn()
    {
        var all = new DatasetSpec("csv", SystemPackage.SklearnData.File("iris.csv"), TestFraction: 0.2, ValidationFraction: 0.1);
        var limited = all with { MaxTrainSamples = 40 };

        var raw = DatasetCache.LoadRaw(limited);
        var trained = DatasetCache.Load(limited).Train;

        Assert.Equal(150, DatasetCache.LoadRaw(all).Samples);
        Assert.Equal(40, raw.Samples);
        Assert.Equal(trained.Labels, raw.Labels);
        // The same rows, before standardisation: iris measurements are positive centimetres.
        Assert.All(Enumerable.Range(0, raw.Samples), i => Assert.True(raw.Row(i)[0] > 4));
        Assert.Equal(trained.Row(7)[2] > trained.Row(8)[2], raw.Row(7)[2] > raw.Row(8)[2]);
    }

    [Fact]
    public void Load_ACsvWithALabelColumnByName_UsesIt()
    {
        var path = Path.Combine(_folder, "first.csv");
        File.WriteAllLines(path, ["kind,a,b", .. Enumerable.Range(0, 20).Select(i => $"{(i % 2 == 0 ? "even" : "odd")},{i},{i * i}")]);

        var split = DatasetCache.Load(new DatasetSpec("csv", path, Label: "kind", ValidationFraction: 0));

        Assert.Equal((16, 0, 4), (split.Train.Samples, split.Validation.Samples, split.Test.Samples));
        Assert.Equal((2, 2), (split.Train.FeatureCount, split.Train.Classes));
    }

    [Fact]
    public void Load_ARaggedCsv_FailsNamingTheFileAndLine()
    {
        var path = Path.Combine(_folder, "ragged.csv");
        File.WriteAllText(path, "a,b,y\n1,2,p\n3,q\n");

        var e = Assert.Throws<DataFormatException>(() => DatasetCache.Load(new DatasetSpec("csv", path)));

        Assert.StartsWith($"{path}: line 3: expected 3 columns", e.Message);
    }

    [Theory]
    [InlineData("random-labels")]
    [InlineData("gaussian-mixture")]
    [InlineData("teacher")]
    public void Load_ASyntheticKind_HasTheSpecifiedShapeAndThreeParts(string kind)
    {
        var split = DatasetCache.Load(new DatasetSpec(kind, InputDim: 6, Classes: 3, Samples: 500, Seed: 4, TestFraction: 0.2, ValidationFraction: 0.1));

        Assert.Equal((350, 50, 100), (split.Train.Samples, split.Validation.Samples, split.Test.Samples));
        Assert.Equal((6, 3), (split.Validation.FeatureCount, split.Validation.Classes));
    }

    [Fact]
    public void Load_UnknownKind_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetCache.Load(new DatasetSpec("parquet")));

        Assert.Contains("unknown dataset kind 'parquet'", e.Message);
    }
}

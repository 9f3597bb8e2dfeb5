using CapacityGrid.Analysis.Data.Csv;
using CapacityGrid.Analysis.Measures;
using CapacityGrid.Tests.Shared;

namespace CapacityGrid.Analysis.Tests.Data.Csv;

/// <summary>The CSV files Debian's python3-sklearn ships: two header styles, gzip, text-free labels.</summary>
public sealed class SklearnCsvFilesTests
{
    [Theory]
    [InlineData("iris.csv", 150, 4, 3, 1.584963, CsvHeaderMode.Sklearn, "setosa,versicolor,virginica")]
    [InlineData("wine_data.csv", 178, 13, 3, 1.566822, CsvHeaderMode.Sklearn, "class_0,class_1,class_2")]
    [InlineData("breast_cancer.csv", 569, 30, 2, 0.952635, CsvHeaderMode.Sklearn, "malignant,benign")]
    [InlineData("digits.csv.gz", 1797, 64, 10, 3.321775, CsvHeaderMode.None, "0,1,2,3,4,5,6,7,8,9")]
    public void Load_TheDebianSklearnFiles_HaveTheirKnownShapeAndLabelEntropy(
        string file, int samples, int features, int classes, double entropyBits, CsvHeaderMode header, string classNames)
    {
        var path = SystemPackage.SklearnData.File(file);

        var set = CsvReader.Load(path);

        Assert.Equal((samples, features, classes), (set.Data.Samples, set.Data.FeatureCount, set.Data.Classes));
        Assert.Equal(header, set.Header);
        Assert.Equal(classNames.Split(','), set.ClassNames);
        Assert.Equal(entropyBits, Entropy.LabelBits(set.Data.Labels, set.Data.Classes), 6);
    }

    [Fact]
    public void Load_BostonWithRadAsTheLabel_ReadsTheNamesLineAndCountsNineClasses()
    {
        var set = CsvReader.Load(SystemPackage.SklearnData.File("boston_house_prices.csv"), new CsvOptions(Label: "RAD"));

        // RAD's values 1-8 and 24 hold 20, 24, 38, 110, 115, 26, 17, 24 and 132 of the 506 tracts (cut -d, -f9 | uniq -c).
        Assert.Equal((506, 13, 9), (set.Data.Samples, set.Data.FeatureCount, set.Data.Classes));
        Assert.Equal(CsvHeaderMode.Sklearn, set.Header);
        Assert.Equal([20, 24, 38, 110, 115, 26, 17, 24, 132], Enumerable.Range(0, 9).Select(k => set.Data.Labels.Count(l => l == k)));
        Assert.Equal(2.736596, Entropy.LabelBits(set.Data.Labels, set.Data.Classes), 6);
        Assert.Equal("MEDV", set.FeatureNames[^1]);
        Assert.Equal(0.00632f, set.Data.Features[0]);
    }

    [Fact]
    public void Load_Wine_CountsEachClass()
    {
        var set = CsvReader.Load(SystemPackage.SklearnData.File("wine_data.csv"));

        var counts = Enumerable.Range(0, 3).Select(k => set.Data.Labels.Count(l => l == k));

        Assert.Equal([59, 71, 48], counts);
        Assert.Equal(14.23f, set.Data.Features[0]);
        Assert.Equal(1065f, set.Data.Features[12]);
    }
}

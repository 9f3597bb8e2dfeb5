using System.IO.Compression;
using System.Text;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Data.Csv;

namespace CapacityGrid.Analysis.Tests.Data.Csv;

public sealed class CsvReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_WithAHeaderAndTextLabels_MapsLabelsInSortedOrderAndKeepsTheirNames()
    {
        var path = Write("a.csv", "a,b,species\n1,2,virginica\n3,4,setosa\n5,6,versicolor\n7,8.5,setosa\n");

        var set = CsvReader.Load(path);

        Assert.Equal(CsvHeaderMode.Names, set.Header);
        Assert.Equal(["setosa", "versicolor", "virginica"], set.ClassNames);
        Assert.Equal([2, 0, 1, 0], set.Data.Labels);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8.5f], set.Data.Features);
        Assert.Equal((4, 2, 3), (set.Data.Samples, set.Data.FeatureCount, set.Data.Classes));
        Assert.Equal(["a", "b"], set.FeatureNames);
        Assert.Equal("species", set.LabelName);
    }

    [Fact]
    public void Load_WithoutAHeader_ReadsLineOneAsData()
    {
        var path = Write("plain.csv", "1,2,0\n3,4,1\n5,6,1\n");

        var set = CsvReader.Load(path);

        Assert.Equal(CsvHeaderMode.None, set.Header);
        Assert.Equal([0, 1, 1], set.Data.Labels);
        Assert.Equal(1f, set.Data.Features[0]);
        Assert.Equal(["x0", "x1"], set.FeatureNames);
    }

    [Fact]
    public void Load_AFileWithoutCommasWhoseFieldsAreApartBySpacesOrTabs_ReadsItWhitespaceSeparated()
    {
        var path = Write("raw.txt", "59 2  32.1\t101\n48 1 21.6 87\n\n72 2 30.5   93\n");

        var set = CsvReader.Load(path, new CsvOptions(Label: "1", Header: CsvHeaderMode.None));

        Assert.Equal((3, 3, 2), (set.Data.Samples, set.Data.FeatureCount, set.Data.Classes));
        Assert.Equal([59f, 32.1f, 101f, 48f, 21.6f, 87f, 72f, 30.5f, 93f], set.Data.Features);
        Assert.Equal([1, 0, 1], set.Data.Labels);
    }

    [Fact]
    public void Load_AWhitespaceSeparatedFileWithARaggedRow_NamesTheLine()
    {
        var path = Write("ragged.txt", "1 2 0\n3 4 1\n5 1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvReader.Load(path));

        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 3 columns", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ACommaSeparatedFileWithSpacesInsideFields_StillSplitsAtCommas()
    {
        var path = Write("spaced.csv", "a b,c d,label\n1, 2,x y\n3 ,4,z\n");

        var set = CsvReader.Load(path);

        Assert.Equal(["a b", "c d"], set.FeatureNames);
        Assert.Equal(["x y", "z"], set.ClassNames);
    }

    [Fact]
    public void Load_IntegerLabels_AreSortedNumericallyNotAsText()
    {
        var path = Write("ints.csv", "0.5,10\n0.1,2\n0.2,1\n0.3,2\n");

        var set = CsvReader.Load(path);

        Assert.Equal(["1", "2", "10"], set.ClassNames);
        Assert.Equal([2, 1, 0, 1], set.Data.Labels);
    }

    [Fact]
    public void Load_WithNumericColumnNamesAndATextLabelName_DetectsTheHeader()
    {
        var path = Write("numeric-header.csv", "1,2,class\n0.5,0.25,1\n0.75,1,0\n");

        var set = CsvReader.Load(path);

        Assert.Equal(CsvHeaderMode.Names, set.Header);
        Assert.Equal(2, set.Data.Samples);
        Assert.Equal(["1", "2"], set.FeatureNames);
    }

    [Theory]
    [InlineData("y")]
    [InlineData("0")]
    public void Load_WithTheLabelGivenByNameOrIndex_UsesThatColumn(string label)
    {
        var path = Write("first.csv", "y,a,b\ncat,1,2\ndog,3,4\ncat,5,6\n");

        var set = CsvReader.Load(path, new CsvOptions(Label: label));

        Assert.Equal(["cat", "dog"], set.ClassNames);
        Assert.Equal([0, 1, 0], set.Data.Labels);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], set.Data.Features);
    }

    [Fact]
    public void Load_QuotedFieldsAndBlankLines_AreReadAsValues()
    {
        var path = Write("quoted.csv", "\"x, first\",\"y\"\"s\",label\n\n1, 2 ,\"big, red\"\n3,4,\"small\"\n\n");

        var set = CsvReader.Load(path);

        Assert.Equal(["x, first", "y\"s"], set.FeatureNames);
        Assert.Equal(["big, red", "small"], set.ClassNames);
        Assert.Equal([1f, 2f, 3f, 4f], set.Data.Features);
    }

    [Fact]
    public void Load_AGzippedFile_ReadsTheSameAsThePlainOne()
    {
        const string text = "a,b,c\n1,2,x\n3,4,y\n";
        var plain = Write("p.csv", text);
        var gzipped = Path.Combine(_folder, "p.csv.gz");
        using (var zip = new GZipStream(File.Create(gzipped), CompressionLevel.Fastest))
        {
            zip.Write(Encoding.UTF8.GetBytes(text));
        }

        var a = CsvReader.Load(plain);
        var b = CsvReader.Load(gzipped);

        Assert.Equal(a.Data.Features, b.Data.Features);
        Assert.Equal(a.Data.Labels, b.Data.Labels);
        Assert.Equal(a.ClassNames, b.ClassNames);
    }

    [Fact]
    public void Load_ASklearnHeader_IsDetectedAndNamesTheClasses()
    {
        var path = Write("sk.csv", "3,2,cat,dog,eel\n1,2,0\n3,4,2\n5,6,0\n");

        var set = CsvReader.Load(path);

        Assert.Equal(CsvHeaderMode.Sklearn, set.Header);
        Assert.Equal(3, set.Data.Samples);
        Assert.Equal(["cat", "eel"], set.ClassNames);
        Assert.Equal([0, 1, 0], set.Data.Labels);
    }

    [Fact]
    public void Load_ASklearnCountLineFollowedByColumnNames_ReadsTheNamedLabelAndNamesTheFeatures()
    {
        // scikit-learn's regression form (boston_house_prices.csv): counts, empty fields, then a line of names.
        var path = Write("sk-names.csv", "3,2,,\n\"A\",\"B\",\"Y\"\n1,7,0.5\n3,8,1.5\n5,7,0.5\n");

        var byName = CsvReader.Load(path, new CsvOptions(Label: "B"));
        var byDefault = CsvReader.Load(path);

        Assert.Equal(CsvHeaderMode.Sklearn, byName.Header);
        Assert.Equal((3, 2), (byName.Data.Samples, byName.Data.FeatureCount));
        Assert.Equal(["A", "Y"], byName.FeatureNames);
        Assert.Equal("B", byName.LabelName);
        Assert.Equal([0, 1, 0], byName.Data.Labels);
        Assert.Equal([1f, 0.5f, 3f, 1.5f, 5f, 0.5f], byName.Data.Features);
        Assert.Equal("Y", byDefault.LabelName);
        Assert.Equal(["0.5", "1.5"], byDefault.ClassNames);
    }

    [Fact]
    public void Load_ASklearnCountLineWithTheWrongSampleCountBeforeNames_IsReadAsDataAndRefusedAtLineOne()
    {
        // 4 samples announced but 3 follow the names line: not scikit-learn's form, so line 1 is read as data.
        var path = Write("sk-names-bad.csv", "4,2,\na,b,y\n1,7,0\n3,8,1\n5,7,0\n");

        var e = Assert.Throws<DataFormatException>(() => CsvReader.Load(path));

        Assert.Equal($"{path}: line 1, field 3: the label (column 2) is empty", e.Message);
    }

    [Fact]
    public void Load_ARowThatOnlyResemblesASklearnHeader_IsReadAsData()
    {
        // "5,1,..." would announce 5 samples of 1 feature, but 2 rows follow: it is data.
        var path = Write("not-sk.csv", "5,1,1\n2,3,0\n4,4,1\n");

        var set = CsvReader.Load(path);

        Assert.Equal(CsvHeaderMode.None, set.Header);
        Assert.Equal(3, set.Data.Samples);
    }

    [Fact]
    public void Load_AnExplicitSklearnHeaderWithTheWrongSampleCount_SaysHowManyRowsFollow()
    {
        var path = Write("sk-bad.csv", "4,2,cat,dog\n1,2,0\n3,4,1\n5,6,0\n");

        var e = Assert.Throws<DataFormatException>(() => CsvReader.Load(path, new CsvOptions(Header: CsvHeaderMode.Sklearn)));

        Assert.Equal($"{path}: line 1: the scikit-learn header announces 4 samples, but 3 data rows follow", e.Message);
    }

    [Fact]
    public void Load_ASklearnTargetBeyondTheClassNames_NamesTheLine()
    {
        var path = Write("sk-target.csv", "3,1,cat,dog\n1,0\n3,1\n5,2\n");

        var e = Assert.Throws<DataFormatException>(() => CsvReader.Load(path, new CsvOptions(Header: CsvHeaderMode.Sklearn)));

        Assert.Equal($"{path}: line 4: target '2' is not an index into the header's 2 class names", e.Message);
    }

    [Theory]
    [InlineData("a,b,y\n1,2,p\n3,q\n", null, "line 3", "expected 3 columns (the header names 3), got 2")]
    [InlineData("1,2,p\n3,4,q\n5,6,7,r\n", null, "line 3", "expected 3 columns (line 1 has 3), got 4")]
    [InlineData("a,b,y\n1,2,p\n3,abc,q\n", null, "line 3, field 2", "feature 'b' is not a number: 'abc'")]
    [InlineData("a,b,y\n1,2,p\nNaN,4,q\n", null, "line 3, field 1", "feature 'a' is NaN ('NaN')")]
    [InlineData("a,b,y\n1,2,p\nnan,4,q\n", null, "line 3, field 1", "feature 'a' is NaN ('nan')")]
    [InlineData("a,b,y\n1,2,p\n3,,q\n", null, "line 3, field 2", "feature 'b' is empty")]
    [InlineData("a,b,y\n1,2,p\n3,1e999,q\n", null, "line 3, field 2", "feature 'b' is infinite")]
    [InlineData("a,b,y\n1,2,p\n3,4,\n", null, "line 3, field 3", "the label (y) is empty")]
    [InlineData("a,b,y\n1,2,p\n3,4,q\n", "species", "line 1", "no column named 'species' (columns: a, b, y)")]
    [InlineData("a,b,y\n1,2,p\n3,4,q\n", "3", "line 1", "label column 3 does not exist: rows have 3 columns (0-2)")]
    [InlineData("a,b,y\n1,2,p\n3,4,p\n5,6,p\n", null, "lines 2-4", "every row has the label 'p': a classifier needs at least 2 classes")]
    [InlineData("a,b,y\n", null, "line 1", "no data rows")]
    [InlineData("\n\n", null, "line 1", "no rows")]
    [InlineData("a,b,y\n1,\"2,p\n", null, "line 2", "quoted field starting at character 3 is not closed")]
    [InlineData("x\n1\n2\n", null, "line 1", "at least one feature column and a label column")]
    public void Load_BadInput_NamesTheFileTheLineAndTheProblem(string text, string? label, string where, string problem)
    {
        var path = Write("bad.csv", text);

        var e = Assert.Throws<DataFormatException>(() => CsvReader.Load(path, new CsvOptions(Label: label)));

        Assert.Equal(path, e.File);
        Assert.StartsWith($"{path}: {where}: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Load_ALabelNameWithoutAHeaderRow_SaysTheFileHasNoHeader()
    {
        var path = Write("noheader.csv", "1,2,0\n3,4,1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvReader.Load(path, new CsvOptions("y", CsvHeaderMode.None)));

        Assert.Contains("line 1: the label column is named 'y', but the file has no header row", e.Message);
    }

    [Fact]
    public void Load_ACorruptGzipStream_NamesTheFileAndTheLineReached()
    {
        var path = Path.Combine(_folder, "corrupt.csv.gz");
        using (var memory = new MemoryStream())
        {
            using (var zip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
            {
                zip.Write(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},{i * 7 % 13},{i % 3}\n"))));
            }
            var bytes = memory.ToArray();
            for (var i = 20; i < bytes.Length - 8; i += 7)
            {
                bytes[i] ^= 0x5a;
            }
            File.WriteAllBytes(path, bytes);
        }

        var e = Assert.Throws<DataFormatException>(() => CsvReader.Load(path));

        Assert.Equal(path, e.File);
        Assert.Matches(@": line \d+: corrupt gzip stream", e.Message);
    }

    [Fact]
    public void Load_AMissingFile_NamesIt()
    {
        var path = Path.Combine(_folder, "absent.csv");

        var e = Assert.Throws<FileNotFoundException>(() => CsvReader.Load(path));

        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("auto", CsvHeaderMode.Auto)]
    [InlineData("Sklearn", CsvHeaderMode.Sklearn)]
    [InlineData("names", CsvHeaderMode.Names)]
    [InlineData("none", CsvHeaderMode.None)]
    public void ParseHeader_AKnownName_GivesItsMode(string name, CsvHeaderMode mode) =>
        Assert.Equal(mode, CsvOptions.ParseHeader(name));

    [Theory]
    [InlineData("first")]
    [InlineData("2")]
    public void ParseHeader_AnUnknownName_IsRefused(string name) =>
        Assert.Throws<ArgumentException>(() => CsvOptions.ParseHeader(name));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}

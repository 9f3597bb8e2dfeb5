using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

public sealed class DatasetSpecTests
{
    private static string Spec(string dataset) => $$"""
        {
          "name": "d1",
          "dataset": { {{dataset}} },
          "grid": { "widths": [4], "depths": [1], "seeds": [1] },
          "training": { "epochs": 1 }
        }
        """;

    [Fact]
    public void Parse_ACsvDataset_ReadsPathLabelHeaderAndShares()
    {
        var spec = SpecParser.Parse(Spec("""
            "kind": "csv", "path": "data/iris.csv", "label": "species", "header": "names", "testFraction": 0.3, "validationFraction": 0.2
            """));

        Assert.Equal(("csv", "data/iris.csv", "species", "names"), (spec.Dataset.Kind, spec.Dataset.Path, spec.Dataset.Label, spec.Dataset.Header));
        Assert.Equal((0.3, 0.2), (spec.Dataset.TestFraction, spec.Dataset.ValidationFraction));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("\"4\"")]
    public void Parse_ALabelIndex_AsANumberOrDigits_MeansTheSameColumn(string label)
    {
        var spec = SpecParser.Parse(Spec($"\"kind\": \"csv\", \"path\": \"a.csv\", \"label\": {label}"));

        Assert.Equal("4", spec.Dataset.Label);
    }

    [Fact]
    public void Parse_WithoutTheNewFields_UsesTheirDefaults()
    {
        var spec = SpecParser.Parse(Spec("\"kind\": \"gaussian-mixture\""));

        Assert.Equal(0.1, spec.Dataset.ValidationFraction);
        Assert.Equal(3.0, spec.Dataset.Separation);
        Assert.Equal("auto", spec.Dataset.Header);
        Assert.Null(spec.Dataset.Label);
        Assert.Null(spec.Dataset.Binding);
    }

    [Fact]
    public void ToJson_WithoutBinding_LeavesTheFieldOutSoOlderSpecsKeepTheirKeys()
    {
        var plain = SpecParser.Parse(Spec("\"kind\": \"teacher\""));
        var binding = SpecParser.Parse(Spec("\"kind\": \"teacher\", \"binding\": true"));

        Assert.DoesNotContain("binding", SpecParser.ToJson(plain), StringComparison.OrdinalIgnoreCase);
        Assert.True(SpecParser.Parse(SpecParser.ToJson(binding)).Dataset.Binding);
    }

    [Fact]
    public void ToJson_ThenParse_KeepsEveryDatasetField()
    {
        var spec = SpecParser.Parse(Spec("""
            "kind": "csv", "path": "a.csv", "label": 2, "header": "sklearn", "validationFraction": 0.05, "separation": 1.5
            """));

        var again = SpecParser.Parse(SpecParser.ToJson(spec));

        Assert.Equal(spec.Dataset with { TeacherHidden = null }, again.Dataset with { TeacherHidden = null });
    }

    [Theory]
    [InlineData("\"kind\": \"parquet\"", "dataset.kind", "unknown dataset kind 'parquet' (expected one of: teacher, random-labels, gaussian-mixture, csv, idx)")]
    [InlineData("\"kind\": \"csv\"", "dataset.path", "a csv dataset needs the path of its file")]
    [InlineData("\"kind\": \"csv\", \"path\": \"a.csv\", \"header\": \"first\"", "dataset.header", "unknown header mode 'first'")]
    [InlineData("\"kind\": \"csv\", \"path\": \"a.csv\", \"label\": \" \"", "dataset.label", "must name a column")]
    [InlineData("\"kind\": \"csv\", \"path\": \"a.csv\", \"label\": -1", "dataset.label", "counts from 0")]
    [InlineData("\"kind\": \"csv\", \"path\": \"a.csv\", \"label\": \"species\", \"header\": \"sklearn\"", "dataset.label", "give a 0-based index")]
    [InlineData("\"kind\": \"csv\", \"path\": \"a.csv\", \"label\": true", "dataset.label", "wrong type")]
    [InlineData("\"kind\": \"teacher\", \"validationFraction\": 1", "dataset.validationFraction", "must lie in [0, 1)")]
    [InlineData("\"kind\": \"teacher\", \"validationFraction\": -0.1", "dataset.validationFraction", "must lie in [0, 1)")]
    [InlineData("\"kind\": \"csv\", \"path\": \"a.csv\", \"testFraction\": 0.5, \"validationFraction\": 0.5", "dataset.validationFraction", "leaves nothing to train on")]
    [InlineData("\"kind\": \"gaussian-mixture\", \"separation\": -1", "dataset.separation", "between 0 and 1e6")]
    [InlineData("\"kind\": \"gaussian-mixture\", \"labelNoise\": 2", "dataset.labelNoise", "[0, 1]")]
    [InlineData("\"kind\": \"random-labels\", \"samples\": 5", "dataset.samples", "at least 10")]
    [InlineData("\"kind\": \"random-labels\", \"inputDim\": 0", "dataset.inputDim", "positive")]
    [InlineData("\"kind\": \"random-labels\", \"classes\": 1", "dataset.classes", "at least 2")]
    [InlineData("\"kind\": \"gaussian-mixture\", \"binding\": true", "dataset.binding", "teacher datasets only")]
    public void Parse_ABadDatasetField_NamesTheFieldAndTheProblem(string dataset, string field, string problem)
    {
        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(Spec(dataset)));

        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Parse_IdxWithAHalfValidationShare_IsAllowedBecauseItsTestPartIsSeparate()
    {
        var spec = SpecParser.Parse(Spec("\"kind\": \"idx\", \"path\": \"/d\", \"testFraction\": 0.5, \"validationFraction\": 0.5"));

        Assert.Equal(0.5, spec.Dataset.ValidationFraction);
    }
}

using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

public sealed class SpecParserTests
{
    private const string Valid = """
        {
          "name": "t1",
          "dataset": { "kind": "teacher", "inputDim": 8, "classes": 3, "samples": 100 },
          "grid": { "widths": [4, 8], "depths": [1, 2], "seeds": [1] },
          "training": { "epochs": 2 }
        }
        """;

    [Fact]
    public void Parse_AValidSpec_FillsDefaults()
    {
        var spec = SpecParser.Parse(Valid);

        Assert.Equal("t1", spec.Name);
        Assert.Equal("adam", spec.Training.Optimizer);
        Assert.Equal("relu", spec.Grid.Activation);
        Assert.Equal(4, GridPlanner.Expand(spec).Count);
    }

    [Fact]
    public void ParseFile_TheShippedExamples_AreValid()
    {
        var examples = Path.Combine(RepoRoot(), "examples");

        foreach (var file in Directory.GetFiles(examples, "*.json"))
        {
            var spec = SpecParser.ParseFile(file);
            Assert.NotEmpty(GridPlanner.Expand(spec));
        }
    }

    [Theory]
    [InlineData("\"widths\": [4, 8]", "\"widthz\": [4, 8], \"widths\": [4]", "grid.widthz", "unknown field")]
    [InlineData("\"widths\": [4, 8]", "\"widths\": [0, 8]", "grid.widths[0]", "positive")]
    [InlineData("\"widths\": [4, 8]", "\"widths\": [4, -3]", "grid.widths[1]", "positive")]
    [InlineData("\"seeds\": [1]", "\"seeds\": []", "grid.seeds", "at least one")]
    [InlineData("\"epochs\": 2", "\"epochz\": 2", "training.epochz", "unknown field")]
    [InlineData("\"depths\": [1, 2]", "\"depths\": [1, 999]", "grid.depths[1]", "at most")]
    [InlineData("\"kind\": \"teacher\"", "\"kind\": \"imagenet\"", "dataset.kind", "unknown dataset kind")]
    [InlineData("\"name\": \"t1\"", "\"name\": \"../etc\"", "name", "a-z")]
    [InlineData("\"epochs\": 2", "\"epochs\": \"two\"", "training.epochs", "wrong type")]
    [InlineData("\"epochs\": 2", "\"epochs\": 2, \"earlyStopping\": { \"patience\": 0 }", "training.earlyStopping.patience", "positive")]
    [InlineData("\"epochs\": 2", "\"epochs\": 2, \"earlyStopping\": { \"patience\": 3, \"minDelta\": -1 }", "training.earlyStopping.minDelta", "zero or a positive")]
    [InlineData("\"epochs\": 2", "\"epochs\": 2, \"device\": \"tpu\"", "training.device", "unknown device")]
    public void Parse_ABadField_NamesTheFieldAndTheProblem(string from, string to, string field, string problem)
    {
        var json = Valid.Replace(from, to, StringComparison.Ordinal);

        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(json));

        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_EarlyStoppingAndDevice_AreReadAndLeftOutOfJsonWhenAbsent()
    {
        var spec = SpecParser.Parse(Valid.Replace("\"epochs\": 2", "\"epochs\": 2, \"earlyStopping\": { \"patience\": 3, \"minDelta\": 0.01 }, \"device\": \"cpu\"", StringComparison.Ordinal));

        Assert.Equal(new EarlyStoppingSpec(3, 0.01), spec.Training.EarlyStopping);
        Assert.Equal("cpu", spec.Training.Device);
        // Specs without them keep the JSON (and so the point ids) they had before these fields existed.
        Assert.DoesNotContain("earlyStopping", SpecParser.ToJson(SpecParser.Parse(Valid)));
        Assert.DoesNotContain("device", SpecParser.ToJson(SpecParser.Parse(Valid)));
    }

    [Fact]
    public void Parse_WithoutTheTrainingSection_SaysItIsMissing()
    {
        var json = Valid.Replace(",\n  \"training\": { \"epochs\": 2 }", "", StringComparison.Ordinal);

        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(json));

        Assert.Equal("training", e.Field);
        Assert.Contains("missing", e.Problem);
    }

    [Fact]
    public void Parse_TruncatedJson_IsRefusedAsInvalidJson()
    {
        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(Valid[..40]));

        Assert.Contains("not valid JSON", e.Problem);
    }

    [Fact]
    public void PointId_IsStableAndDiffersBetweenConfigurations()
    {
        var spec = SpecParser.Parse(Valid);

        var first = GridPlanner.Expand(spec).Select(p => p.PointId).ToArray();
        var again = GridPlanner.Expand(SpecParser.Parse(Valid)).Select(p => p.PointId).ToArray();

        Assert.Equal(first, again);
        Assert.Equal(first.Length, first.Distinct().Count());
        Assert.All(first, id => Assert.Matches("^[0-9a-f]{16}$", id));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CapacityGrid.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("CapacityGrid.sln not found above the test's folder");
    }
}

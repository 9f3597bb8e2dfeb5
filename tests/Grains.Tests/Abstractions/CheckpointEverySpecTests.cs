using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

public sealed class CheckpointEverySpecTests
{
    private const string Valid = """
        {
          "name": "c1",
          "dataset": { "kind": "teacher", "inputDim": 8, "classes": 3, "samples": 100 },
          "grid": { "widths": [4], "depths": [1], "seeds": [1] },
          "training": { "epochs": 6 }
        }
        """;

    [Fact]
    public void Parse_WithoutCheckpointEvery_LeavesItNullAndOutOfTheJson()
    {
        var spec = SpecParser.Parse(Valid);

        Assert.Null(spec.Training.CheckpointEvery);
        Assert.DoesNotContain("checkpointEvery", SpecParser.ToJson(spec), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CheckpointEvery_ReadsIt()
    {
        var spec = SpecParser.Parse(Valid.Replace("\"epochs\": 6", "\"epochs\": 6, \"checkpointEvery\": 3", StringComparison.Ordinal));

        Assert.Equal(3, spec.Training.CheckpointEvery);
    }

    [Fact]
    public void Parse_CheckpointEveryZero_NamesTheField()
    {
        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(Valid.Replace("\"epochs\": 6", "\"epochs\": 6, \"checkpointEvery\": 0", StringComparison.Ordinal)));

        Assert.Equal("training.checkpointEvery", e.Field);
        Assert.Contains("positive", e.Problem, StringComparison.Ordinal);
    }
}

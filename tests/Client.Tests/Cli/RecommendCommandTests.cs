using System.Text.Json;

namespace CapacityGrid.Client.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class RecommendCommandTests
{
    [Fact]
    public async Task Recommend_TinyTeacherWithJson_PrintsAWidthPerLayerWithEvidenceAndLessComputeThanTheSweep()
    {
        var dataset = Path.Combine(Directory.CreateTempSubdirectory("capgrid-recommend-").FullName, "teacher.json");
        await File.WriteAllTextAsync(dataset, """{ "kind": "teacher", "inputDim": 8, "teacherHidden": [16], "classes": 3, "samples": 800, "seed": 4 }""",
            TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("recommend", dataset, "--probe-width", "64", "--epochs", "3", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("probe epoch 3/3", run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(2, layers.Count);
        Assert.All(layers, l =>
        {
            Assert.Equal(64, l.GetProperty("probeWidth").GetInt32());
            Assert.Equal(0, l.GetProperty("width").GetInt32() % 8);
            Assert.True(l.GetProperty("dimension").GetDouble() > 0);
        });
        Assert.Equal(layers.Select(l => l.GetProperty("width").GetInt32()), root.GetProperty("hidden").EnumerateArray().Select(w => w.GetInt32()));
        var compute = root.GetProperty("compute");
        Assert.Equal(root.GetProperty("trainSamples").GetInt64() * 3, compute.GetProperty("probeSampleEpochs").GetInt64());
        Assert.Equal(54, compute.GetProperty("sweepPoints").GetInt32());
        Assert.InRange(compute.GetProperty("fraction").GetDouble(), 1e-6, 1.0);
    }

    [Theory]
    [InlineData("no-such-file.csv", "--depth", "1", "dataset")]
    [InlineData("no-such-file.csv", "--depth", "0", "--depth")]
    public async Task Recommend_BadInput_ExitsWithTwoNamingTheCulprit(string source, string option, string value, string named)
    {
        var run = await CliRun.InvokeAsync("recommend", source, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error);
        Assert.Empty(run.Output);
    }
}

using System.Text.Json;
using CapacityGrid.Client.Output;
using CapacityGrid.Client.Tests.Cli;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Tests.Relate;

/// <summary>
/// <c>capgrid relate</c> over capacity maps written as run writes them (typed records serialised with the CLI's JSON
/// options): knees planted on a known power law of the MEC estimate, with doubling-width grids.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class RelateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-relate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A finished map whose knee has `knee` parameters, on a one-layer line of 4 configurations each twice the last.
    private string Map(string id, string dataset, long knee, double mecBits, double labelBits)
    {
        ConfigurationSummary Config(long parameters, int width) =>
            new($"{width}", [width], 1, parameters, parameters * 0.8, parameters * 6.0, 0.9, 0.01, 2, ["p"]);
        var line = new[] { Config(knee / 2, 4), Config(knee, 8), Config(knee * 2, 16), Config(knee * 4, 32) };
        var ratios = new List<CapacityRatio>
        {
            new("parameters", "mecEstimate", knee, mecBits, knee / mecBits),
            new("parameters", "labelEntropy", knee, labelBits, knee / labelBits),
        };
        var map = new CapacityMap(id, id, new DatasetSummary(dataset, 1000, 200, 10, 3, 1.58), [],
            Analysis: new CapacityAnalysis(line, new KneeResult(line[1], 0.9, 0.005, ratios), [], null, []));
        var folder = Directory.CreateDirectory(Path.Combine(_folder, id)).FullName;
        var path = Path.Combine(folder, "capacity-map.json");
        File.WriteAllText(path, JsonSerializer.Serialize(map, JsonOutput.Options));
        return path;
    }

    private void FourMapsOnALaw()
    {
        // knee = 4 x mec^0.5 exactly; label entropy is unrelated.
        foreach (var (id, mec, label) in new[] { ("a", 100.0, 900.0), ("b", 400.0, 100.0), ("c", 1600.0, 2500.0), ("d", 6400.0, 400.0) })
        {
            Map(id, $"teacher {id}", (long)(4 * Math.Sqrt(mec)), mec, label);
        }
    }

    [Fact]
    public async Task Relate_OfAFolderOfMapsOnAPowerLaw_FindsItAsTheBestPredictorWithNoLeaveOneOutError()
    {
        FourMapsOnALaw();
        var lawFile = Path.Combine(_folder, "law.json");

        var run = await CliRun.InvokeAsync("relate", _folder, "--json", "--law", lawFile);

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var best = doc.RootElement.GetProperty("fits")[0];
        Assert.Equal("mecEstimate", best.GetProperty("estimate").GetString());
        Assert.Equal(0.5, best.GetProperty("exponent").GetDouble(), 6);
        Assert.Equal(4, best.GetProperty("experiments").GetInt32());
        Assert.True(best.GetProperty("maxLeaveOneOutSteps").GetDouble() < 0.01);
        var worse = doc.RootElement.GetProperty("fits")[1];
        Assert.Equal("labelEntropy", worse.GetProperty("estimate").GetString());
        Assert.True(worse.GetProperty("meanLeaveOneOutSteps").GetDouble() > 0.5);
        Assert.All(doc.RootElement.GetProperty("experiments").EnumerateArray(), e => Assert.Equal(2, e.GetProperty("stepFactor").GetDouble(), 10));
        Assert.Equal(run.Output.Trim(), File.ReadAllText(lawFile).Trim());
    }

    [Fact]
    public async Task Relate_AsText_NamesTheBestPredictorAndItsError()
    {
        FourMapsOnALaw();

        var run = await CliRun.InvokeAsync("relate", _folder);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("capacity law: knee parameters against each dataset estimate, over 4 experiments", run.Output);
        Assert.Contains("best predictor: mecEstimate, off by 0.00 grid steps", run.Output);
    }

    [Fact]
    public async Task Relate_OfTwoExperiments_ExitsWith2NamingTheMinimum()
    {
        Map("a", "teacher a", 40, 100, 900);
        Map("b", "teacher b", 80, 400, 100);

        var run = await CliRun.InvokeAsync("relate", _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("capgrid: maps: relate needs at least 3 experiments of different datasets (got 2)", run.Error.Trim());
    }

    [Fact]
    public async Task Relate_OfTwoExperimentsOfOneDataset_ExitsWith2NamingBoth()
    {
        FourMapsOnALaw();
        var twin = Map("e", "teacher a", 40, 100, 900);

        var run = await CliRun.InvokeAsync("relate", _folder, "--law", Path.Combine(_folder, "law.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"capgrid: {twin}: experiment 'e' has the dataset of 'a' (teacher a); relate counts each dataset once", run.Error.Trim());
        Assert.False(File.Exists(Path.Combine(_folder, "law.json")));
    }

    [Fact]
    public async Task Relate_OfAnInputThatIsNoMap_ExitsWith2NamingIt()
    {
        var run = await CliRun.InvokeAsync("relate", "no-such-experiment", "--maps", _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("capgrid: no-such-experiment: not a capacity-map.json, a folder of them, or an experiment id with a map under", run.Error.Trim());
    }

    [Fact]
    public async Task Relate_WithAnUnknownCapacity_ExitsWith2NamingTheOption()
    {
        FourMapsOnALaw();

        var run = await CliRun.InvokeAsync("relate", _folder, "--capacity", "flops");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("capgrid: --capacity: must be parameters or architectureBits (got 'flops')", run.Error.Trim());
    }

    [Fact]
    public async Task Relate_WithHtml_DrawsOnePlotPerFitWithTheLawThroughTheKnees()
    {
        FourMapsOnALaw();
        var page = Path.Combine(_folder, "out", "law.html");

        var run = await CliRun.InvokeAsync("relate", _folder, "--html", page);

        Assert.True(run.ExitCode == 0, run.Error);
        var html = File.ReadAllText(page);
        Assert.DoesNotContain("<script src=", html);
        var figure = Figure(html, "plot-law-mec-estimate");
        var traces = figure["data"]!.AsArray();
        var law = traces.Single(t => (string?)t!["name"] == "law fitted on all")!;
        // The planted law is knee = 4 x mec^0.5 (knees rounded down to whole parameters): the line runs through it.
        foreach (var (x, y) in Points(law))
        {
            Assert.Equal(4 * Math.Sqrt(x), y, 0.05 * y);
        }
        var knees = traces.Single(t => (string?)t!["name"] == "knee")!;
        Assert.Equal([100.0, 400.0, 1600.0, 6400.0], Points(knees).Select(p => p.X).Order());
        Assert.Equal("log", (string?)figure["layout"]!["yaxis"]!["type"]);
        Assert.Contains("id=\"plot-law-label-entropy\"", html);
        var dom = await Report.HeadlessChromium.DumpDomAsync(page, TestContext.Current.CancellationToken);
        var plots = Report.HeadlessChromium.Plots(dom);
        Assert.Equal(2, plots.Count);
        Assert.All(plots, p => Assert.True(p.Value.Svg && p.Value.Marks > 0, $"{p.Key}: svg {p.Value.Svg}, {p.Value.Marks} data marks"));
    }

    [Fact]
    public async Task Relate_WithAnHtmlPathThatIsNotHtml_ExitsWith2AndWritesNothing()
    {
        FourMapsOnALaw();
        var page = Path.Combine(_folder, "law.txt");

        var run = await CliRun.InvokeAsync("relate", _folder, "--html", page, "--law", Path.Combine(_folder, "law.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"capgrid: --html: {page}: must be an .html file", run.Error.Trim());
        Assert.False(File.Exists(page));
        Assert.False(File.Exists(Path.Combine(_folder, "law.json")));
    }

    private static System.Text.Json.Nodes.JsonNode Figure(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}-figure\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no figure {id}");
        start = html.IndexOf('>', start) + 1;
        return System.Text.Json.Nodes.JsonNode.Parse(html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)])!;
    }

    private static IEnumerable<(double X, double Y)> Points(System.Text.Json.Nodes.JsonNode trace) =>
        trace["x"]!.AsArray().Zip(trace["y"]!.AsArray(), (x, y) => ((double)x!, (double)y!));
}

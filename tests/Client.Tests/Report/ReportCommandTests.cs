using System.Text.Json;
using CapacityGrid.Client.Output;
using CapacityGrid.Client.Report;
using CapacityGrid.Client.Report.Figures;
using CapacityGrid.Client.Tests.Cli;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Client.Tests.Report;

[Collection(CliCollection.Name)]
public sealed class ReportCommandTests(SmallExperimentFixture experiment) : IClassFixture<SmallExperimentFixture>, IDisposable
{
    private static readonly string[] PlotIds = [AccuracyFigure.Id, ArchitectureBitsFigure.Id, HeatmapFigure.Id, LayerBarsFigure.Id, InformationPlaneFigure.Id, WeightEntropyFigure.Id];

    private readonly string _out = Directory.CreateTempSubdirectory("capgrid-report-out-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private string Html => Path.Combine(_out, "report.html");

    [Fact]
    public async Task Report_OfARealExperiment_WritesAReportWhoseEveryPlotRendersWithDataInChromium()
    {
        var report = await CliRun.InvokeAsync(["report", SmallExperimentFixture.ExperimentId, "--out", Html, .. experiment.Cluster.ClusterArgs]);

        Assert.True(report.ExitCode == 0, report.Error);
        var html = await File.ReadAllTextAsync(Html, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script src=", html);
        Assert.DoesNotContain("class=\"missing\" id=\"plot-", html);
        Assert.Contains("one marker per epoch", html);
        var plots = HeadlessChromium.Plots(await HeadlessChromium.DumpDomAsync(Html, TestContext.Current.CancellationToken));
        Assert.Equal(PlotIds.Order(), plots.Keys.Order());
        Assert.All(plots, p => Assert.True(p.Value.Svg && p.Value.Marks > 0, $"{p.Key}: svg {p.Value.Svg}, {p.Value.Marks} data marks"));
        var map = CapacityMapFile.Read(Path.ChangeExtension(Html, ".json"));
        Assert.Equal(8, map.Points.Count);
        Assert.All(map.Points, p => Assert.NotNull(p.Epochs));
        var csv = await File.ReadAllLinesAsync(Path.ChangeExtension(Html, ".csv"), TestContext.Current.CancellationToken);
        Assert.Equal(string.Join(',', ReportCsv.Columns), csv[0]);
        Assert.Equal(map.Points.Select(p => p.PointId).Order(), csv.Skip(1).Select(l => l.Split(',')[0]).Order());
    }

    [Fact]
    public async Task Report_OfAMapWithAnAnalysis_MarksTheKneeAndShowsVerdictsAndRecommendationEscaped()
    {
        var map = WithAnalysis(CapacityMapFile.Read(experiment.MapPath));
        var mapFile = Path.Combine(_out, "map.json");
        await File.WriteAllTextAsync(mapFile, JsonSerializer.Serialize(map, JsonOutput.Options), TestContext.Current.CancellationToken);

        var report = await CliRun.InvokeAsync("report", SmallExperimentFixture.ExperimentId, "--map", mapFile, "--out", Html);

        Assert.True(report.ExitCode == 0, report.Error);
        var dom = await HeadlessChromium.DumpDomAsync(Html, TestContext.Current.CancellationToken);
        Assert.All(HeadlessChromium.Plots(dom), p => Assert.True(p.Value.Svg && p.Value.Marks > 0, $"{p.Key}: svg {p.Value.Svg}, {p.Value.Marks} data marks"));
        Assert.Contains($"knee {map.Analysis!.Knee!.Configuration.Key}", dom);
        Assert.Contains("&lt;b&gt;saturated&lt;/b&gt; &amp; wider is better", dom);
        Assert.DoesNotContain("<b>saturated</b>", dom);
        Assert.Contains("Recommended hidden widths: <strong>8</strong>", dom);
        Assert.Contains("no: one seed", dom);
    }

    [Fact]
    public async Task Report_OfAMapWithNoFinishedPoint_SaysWhyInPlaceOfEachPlot()
    {
        var real = CapacityMapFile.Read(experiment.MapPath);
        // What the analysis grain gives before any point has finished: no configurations, no knee.
        var map = real with
        {
            Points = [.. real.Points.Select(p => p with { Status = PointStatus.Queued, TestAccuracy = null, Measures = null, Epochs = null })],
            DatasetMeasures = null,
            Analysis = new CapacityAnalysis([], null, [], null, ["no point has finished yet"]),
        };
        var mapFile = Path.Combine(_out, "map.json");
        await File.WriteAllTextAsync(mapFile, JsonSerializer.Serialize(map, JsonOutput.Options), TestContext.Current.CancellationToken);

        var report = await CliRun.InvokeAsync("report", SmallExperimentFixture.ExperimentId, "--map", mapFile, "--out", Html, "--json");

        Assert.True(report.ExitCode == 0, report.Error);
        using var json = JsonDocument.Parse(report.Output);
        Assert.All(json.RootElement.GetProperty("plots").EnumerateArray(), p => Assert.False(p.GetProperty("plotted").GetBoolean()));
        var html = await File.ReadAllTextAsync(Html, TestContext.Current.CancellationToken);
        Assert.All(PlotIds, id => Assert.Contains($"<p class=\"missing\" id=\"{id}-missing\">", html));
        Assert.DoesNotContain("<div class=\"plot\"", html);
        Assert.Contains("measures are missing: they have not been computed yet", html);
    }

    [Fact]
    public async Task Report_WithoutPlotly_ExitsWith3SayingHowToInstallIt()
    {
        Environment.SetEnvironmentVariable(PlotlyLocator.EnvironmentVariable, Path.Combine(_out, "absent", "plotly.min.js"));
        try
        {
            var report = await CliRun.InvokeAsync("report", SmallExperimentFixture.ExperimentId, "--map", experiment.MapPath, "--out", Html);

            Assert.Equal(3, report.ExitCode);
            Assert.Contains(PlotlyLocator.EnvironmentVariable, report.Error);
            Assert.False(File.Exists(Html));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PlotlyLocator.EnvironmentVariable, null);
        }
    }

    [Theory]
    [InlineData("report.txt", "", "must be an .html file")]
    [InlineData("report.html", "other-experiment", "holds experiment 'report-small', not 'other-experiment'")]
    public async Task Report_WithBadInput_ExitsWith2NamingTheProblemAndWritesNothing(string outName, string id, string message)
    {
        var report = await CliRun.InvokeAsync("report", id is "" ? SmallExperimentFixture.ExperimentId : id, "--map", experiment.MapPath, "--out", Path.Combine(_out, outName));

        Assert.Equal(2, report.ExitCode);
        Assert.Contains(message, report.Error);
        Assert.Empty(Directory.GetFiles(_out));
    }

    // An analysis built from the real map's own configurations: the knee at the best one, one thin verdict whose
    // evidence carries markup that must reach the page as text.
    private static CapacityMap WithAnalysis(CapacityMap map)
    {
        var configurations = Configurations.Of(map);
        var best = configurations.MaxBy(c => c.MeanTestAccuracy)!;
        var knee = new KneeResult(best, best.MeanTestAccuracy, 0.005, [new CapacityRatio("parameters", "mec", best.ParameterCount, 100, best.ParameterCount / 100.0)]);
        var verdict = new LayerVerdict(configurations[0].Key, 0, "fc1", "bottleneck", "<b>saturated</b> & wider is better",
            new Dictionary<string, double> { ["saturation"] = 0.97 }, configurations[0].PointIds, Valid: false, ValidityNote: "one seed");
        var recommendation = new ShapeRecommendation([8], "grid-knee", "the knee's shape", best.ParameterCount);
        return map with { Analysis = new CapacityAnalysis(configurations, knee, [verdict], recommendation, ["a note"]) };
    }
}

using System.Text.Json;
using Azure.Storage.Blobs;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Checkpoints;

namespace CapacityGrid.Client.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class ExperimentCommandsTests(StandaloneSiloFixture cluster) : IClassFixture<StandaloneSiloFixture>, IDisposable
{
    private readonly StandaloneSiloFixture _cluster = cluster;
    private readonly string _out = Directory.CreateTempSubdirectory("capgrid-cmd-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private string Spec(int epochs, int samples = 600)
    {
        var file = Path.Combine(_out, $"spec-{epochs}.json");
        File.WriteAllText(file, $$"""
            { "name": "cmd", "dataset": { "kind": "teacher", "inputDim": 8, "classes": 3, "samples": {{samples}}, "seed": 2 },
              "grid": { "widths": [4, 8], "depths": [1], "seeds": [1] },
              "training": { "epochs": {{epochs}}, "batchSize": 8 } }
            """);
        return file;
    }

    private Task<CliRun> CapgridAsync(params string[] args) => CliRun.InvokeAsync([.. args, .. _cluster.ClusterArgs]);

    [Fact]
    public async Task SubmitThenWatch_AgainstARunningSilo_FollowTheExperimentToItsMap()
    {
        var submit = await CapgridAsync("submit", Spec(epochs: 2), "--id", "cmd-watch");
        var watch = await CapgridAsync("watch", "cmd-watch", "--out", _out);
        var status = await CapgridAsync("status", "cmd-watch", "--json");
        var list = await CapgridAsync("list");

        Assert.True(submit.ExitCode == 0, submit.Error);
        Assert.Equal("cmd-watch", submit.Output.Trim());
        Assert.True(watch.ExitCode == 0, watch.Error);
        Assert.True(File.Exists(Path.Combine(_out, "cmd-watch", "capacity-map.json")));
        using var json = JsonDocument.Parse(status.Output);
        Assert.Equal("completed", json.RootElement.GetProperty("state").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("finished").GetInt32());
        // Status carries the analysis so far: two one-seed configurations and their knee.
        var analysis = json.RootElement.GetProperty("analysis");
        Assert.Equal(2, analysis.GetProperty("configurations").GetArrayLength());
        Assert.Equal("grid-knee", analysis.GetProperty("recommendation").GetProperty("source").GetString());
        Assert.Contains("knee: ", watch.Output, StringComparison.Ordinal);
        Assert.Contains("cmd-watch", list.Output);
        Assert.Contains("completed", list.Output);
    }

    [Fact]
    public async Task StatusWithPhases_AfterASweep_PrintsEachPhasesSecondsAndShareAndTheJsonCarriesThem()
    {
        await CapgridAsync("submit", Spec(epochs: 1), "--id", "cmd-phases");
        var watch = await CapgridAsync("watch", "cmd-phases", "--out", _out);

        var text = await CapgridAsync("status", "cmd-phases", "--phases");
        var status = await CapgridAsync("status", "cmd-phases", "--json");

        Assert.True(watch.ExitCode == 0, watch.Error);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("phases over 2 points: ", text.Output, StringComparison.Ordinal);
        Assert.Contains("s wall time since submitted", text.Output, StringComparison.Ordinal);
        foreach (var phase in new[] { "slotWait", "dataLoad", "trainingThread", "trainingSteps", "evaluation", "finalMeasures", "checkpointWrite", "report" })
        {
            Assert.Matches($@"(?m)^ +{phase} +[0-9.]+ s +[0-9.]+ %$", text.Output);
        }
        using var json = JsonDocument.Parse(status.Output);
        var breakdown = json.RootElement.GetProperty("phases");
        Assert.Equal(2, breakdown.GetProperty("points").GetInt32());
        var total = breakdown.GetProperty("totalSeconds").GetDouble();
        var phases = breakdown.GetProperty("phases").EnumerateArray().ToDictionary(p => p.GetProperty("phase").GetString()!, p => (Seconds: p.GetProperty("seconds").GetDouble(), Share: p.GetProperty("share").GetDouble()));
        Assert.All(phases.Values, p => Assert.True(p.Seconds >= 0 && p.Share >= 0, $"{p}"));
        Assert.True(phases["trainingSteps"].Seconds > 0, $"training steps {phases["trainingSteps"]}");
        Assert.True(phases["finalMeasures"].Seconds > 0, $"final measures {phases["finalMeasures"]}");
        // The phases a run passes through make up the total, so their shares add up to one.
        string[] top = ["slotWait", "dataLoad", "resumeLoad", "trainingThread", "checkpointWrite", "report"];
        Assert.Equal(total, top.Sum(p => phases[p].Seconds), 9);
        Assert.Equal(1, top.Sum(p => phases[p].Share), 9);
        Assert.True(breakdown.GetProperty("wallSeconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Cancel_OfARunningExperiment_StopsItAndWatchReportsCancelled()
    {
        await CapgridAsync("submit", Spec(epochs: 1000, samples: 2000), "--id", "cmd-cancel");

        var cancel = await CapgridAsync("cancel", "cmd-cancel");
        var watch = await CapgridAsync("watch", "cmd-cancel", "--out", _out);

        Assert.True(cancel.ExitCode == 0, cancel.Error);
        Assert.Contains("cancelled", cancel.Output);
        Assert.Equal(130, watch.ExitCode);
    }

    [Fact]
    public async Task Resume_AfterTheWholeClusterRestarted_FinishesEveryPoint()
    {
        await CapgridAsync("submit", Spec(epochs: 10, samples: 20000), "--id", "cmd-resume");
        await WaitForEpochsAsync("cmd-resume");
        await _cluster.StopSiloAsync();
        await AssertUnfinishedAsync("cmd-resume", epochs: 10);
        await _cluster.StartAsync();

        var resume = await CapgridAsync("resume", "cmd-resume", "--out", _out);

        Assert.True(resume.ExitCode == 0, resume.Error);
        using var map = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "cmd-resume", "capacity-map.json")));
        Assert.All(map.RootElement.GetProperty("points").EnumerateArray(), p =>
        {
            Assert.Equal("finished", p.GetProperty("status").GetString());
            Assert.Equal(10, p.GetProperty("epochsDone").GetInt32());
        });
    }

    [Fact]
    public async Task Sweep_AfterTheWholeClusterRestarted_ContinuesByItsReminderWithNoClientCall()
    {
        var specFile = Spec(epochs: 12, samples: 20000);
        await CapgridAsync("submit", specFile, "--id", "cmd-reminder");
        await WaitForEpochsAsync("cmd-reminder");
        await _cluster.StopSiloAsync();
        await AssertUnfinishedAsync("cmd-reminder", epochs: 12);
        var checkpoints = new CheckpointStore(new BlobServiceClient(_cluster.Storage));
        var points = GridPlanner.Expand(SpecParser.ParseFile(specFile));
        await _cluster.StartAsync();

        // No grain is called from here on (a call would activate the experiment or a trainer and resume it):
        // only storage is read, until every point has its last checkpoint.
        await Eventually.WaitForAsync(async () =>
            (await Task.WhenAll(points.Select(p => checkpoints.ListAsync("cmd-reminder", p.PointId, TestContext.Current.CancellationToken))))
                .All(blobs => blobs.Count == 12),
            TimeSpan.FromMinutes(3), "every point's 12 checkpoints in storage");

        var watch = await CapgridAsync("watch", "cmd-reminder", "--out", _out);
        Assert.True(watch.ExitCode == 0, watch.Error);
    }

    [Fact]
    public async Task Status_OfAnUnknownExperiment_ExitsWith2()
    {
        var status = await CapgridAsync("status", "no-such-experiment");

        Assert.Equal(2, status.ExitCode);
        Assert.Contains("no experiment 'no-such-experiment'", status.Error);
    }

    [Fact]
    public async Task Submit_WithoutACluster_ExitsWith2SayingToUseRun()
    {
        var submit = await CliRun.InvokeAsync("submit", Spec(epochs: 1), "--data", Path.Combine(_out, "data"));

        Assert.Equal(2, submit.ExitCode);
        Assert.Contains("capgrid run", submit.Error);
    }

    [Fact]
    public async Task Status_OfAClusterThatDoesNotRun_ExitsWith3()
    {
        var status = await CliRun.InvokeAsync("status", "x", "--cluster", "nobody-here", "--storage", _cluster.Storage, "--connect-timeout", "5");

        Assert.Equal(3, status.ExitCode);
        Assert.Contains("no silo of cluster 'nobody-here'", status.Error);
    }

    // Reads storage only (a grain call could resume the sweep): some point of the stopped cluster lacks its last checkpoint.
    private async Task AssertUnfinishedAsync(string id, int epochs)
    {
        var checkpoints = new CheckpointStore(new BlobServiceClient(_cluster.Storage));
        var points = GridPlanner.Expand(SpecParser.ParseFile(Spec(epochs, samples: 20000)));
        var blobs = await Task.WhenAll(points.Select(p => checkpoints.ListAsync(id, p.PointId, TestContext.Current.CancellationToken)));
        Assert.True(blobs.Any(b => b.Count < epochs), "the sweep ended before the cluster was stopped: nothing was interrupted");
    }

    private Task WaitForEpochsAsync(string id) =>
        Eventually.WaitForAsync(async () =>
        {
            var status = await CapgridAsync("status", id, "--json");
            using var json = JsonDocument.Parse(status.Output);
            return json.RootElement.GetProperty("epochsDone").GetInt32() >= 3;
        }, TimeSpan.FromMinutes(1), $"3 epochs of {id}");
}

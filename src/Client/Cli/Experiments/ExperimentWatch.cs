using System.Text.Json;
using CapacityGrid.Client.Connection;
using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Experiments;

/// <summary>Following an experiment to its end and writing its capacity map: shared by run, resume and watch.</summary>
internal static class ExperimentWatch
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Shortest time between two "knee so far" lines while an experiment runs.</summary>
    public static readonly TimeSpan KneeInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Polls the experiment, printing progress to <paramref name="error"/>, until it completes or is cancelled. With
    /// <paramref name="analysis"/>, also a "knee so far" line when more points have ended and the knee moved, at most
    /// every <see cref="KneeInterval"/>.
    /// </summary>
    public static async Task<ExperimentStatus> UntilEndedAsync(
        IExperimentGrain experiment, TextWriter error, CancellationToken cancellationToken, IAnalysisGrain? analysis = null)
    {
        var progress = ProgressPrinter.For(error);
        var status = await GrainRetry.CallAsync(experiment.GetStatusAsync, error, cancellationToken);
        var kneeAt = DateTimeOffset.UtcNow;
        var kneeEnded = 0;
        string? knee = null;
        while (status.State == ExperimentState.Running)
        {
            progress.Report(status);
            if (analysis is not null && status.Ended > kneeEnded && DateTimeOffset.UtcNow - kneeAt >= KneeInterval)
            {
                (kneeAt, kneeEnded) = (DateTimeOffset.UtcNow, status.Ended);
                var map = await GrainRetry.CallAsync(analysis.BuildCapacityMapAsync, error, cancellationToken);
                var line = CapacityAnalysisText.LiveKnee(map.Analysis);
                if (line is not null && line != knee)
                {
                    progress.Note(line);
                    knee = line;
                }
            }
            await Task.Delay(PollInterval, cancellationToken);
            status = await GrainRetry.CallAsync(experiment.GetStatusAsync, error, cancellationToken);
        }
        progress.Report(status);
        return status;
    }

    /// <summary>
    /// Runs <paramref name="follow"/>; when Ctrl-C cancels it, throws <see cref="ExperimentInterruptedException"/>
    /// so the CLI can say, after the connection has closed, how to go on.
    /// </summary>
    public static async Task<int> InterruptibleAsync(GridConnection grid, string id, Func<Task<int>> follow, CancellationToken cancellationToken)
    {
        try
        {
            return await follow();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new ExperimentInterruptedException(id, grid.Embedded, cancellationToken, grid.ServedBy?.ProcessId);
        }
    }

    /// <summary>
    /// Builds the capacity map (waiting for the dataset measures), writes <c>capacity-map.json</c> under
    /// <paramref name="outDir"/>/&lt;id&gt;, prints it, and returns the exit code the status calls for.
    /// </summary>
    public static async Task<int> WriteMapAsync(IGrainFactory grains, string id, ExperimentStatus status, DirectoryInfo outDir, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var map = await BuildMapAsync(grains, id, error, cancellationToken);
        var folder = Directory.CreateDirectory(Path.Combine(outDir.FullName, id));
        var mapPath = Path.Combine(folder.FullName, "capacity-map.json");
        await File.WriteAllTextAsync(mapPath, JsonSerializer.Serialize(map, JsonOutput.Options), cancellationToken);
        await output.WriteAsync(json ? JsonSerializer.Serialize(map, JsonOutput.Options) + Environment.NewLine : CapacityMapTable.Render(map));
        await error.WriteLineAsync($"capgrid: wrote {mapPath}");
        return ExitCode(status);
    }

    /// <summary>
    /// The experiment's capacity map once its dataset's measures are there (a silo computes them once per dataset
    /// and caches them in storage; a fresh silo reads them back or computes them first).
    /// </summary>
    public static async Task<CapacityMap> BuildMapAsync(IGrainFactory grains, string id, TextWriter error, CancellationToken cancellationToken)
    {
        var analysis = grains.GetGrain<IAnalysisGrain>(id);
        var map = await GrainRetry.CallAsync(analysis.BuildCapacityMapAsync, error, cancellationToken);
        if (map.DatasetMeasures is null)
        {
            await error.WriteLineAsync("capgrid: waiting for the dataset measures (computed once per dataset, then cached)");
        }
        while (map.DatasetMeasures is null)
        {
            await Task.Delay(PollInterval, cancellationToken);
            map = await GrainRetry.CallAsync(analysis.BuildCapacityMapAsync, error, cancellationToken);
        }
        return map;
    }

    /// <summary>0 when every point trained, 1 when some failed, 130 when the experiment was cancelled.</summary>
    public static int ExitCode(ExperimentStatus status) =>
        status.State == ExperimentState.Cancelled ? ExitCodes.Cancelled
        : status.Failed > 0 ? ExitCodes.PointsFailed
        : ExitCodes.Success;

    /// <summary>The experiment's status, or null (with an error printed) if no experiment has that id.</summary>
    public static async Task<ExperimentStatus?> FindAsync(IGrainFactory grains, string id, TextWriter error, CancellationToken cancellationToken)
    {
        var status = await GrainRetry.CallAsync(grains.GetGrain<IExperimentGrain>(id).GetStatusAsync, error, cancellationToken);
        if (status.State == ExperimentState.Unknown)
        {
            await error.WriteLineAsync($"capgrid: no experiment '{id}' in this storage (see 'capgrid list')");
            return null;
        }
        return status;
    }
}

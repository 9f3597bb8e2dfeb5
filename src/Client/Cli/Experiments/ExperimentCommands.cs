using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CapacityGrid.Client.Connection;
using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Registry;

namespace CapacityGrid.Client.Cli.Experiments;

/// <summary>The commands that act on an experiment already submitted: status, watch, cancel, resume, and list.</summary>
public static class ExperimentCommands
{
    /// <summary><c>capgrid status &lt;id&gt;</c>: the experiment's counts and its analysis so far, once.</summary>
    public static Command Status(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var (id, json) = (IdArgument(), JsonOption());
        var phases = new Option<bool>("--phases") { Description = "Also print where the experiment's time went: seconds and share per phase over all points" };
        var command = new Command("status", "Show an experiment's progress (points running, waiting for a slot, finished, failed) and its capacity analysis so far") { id, json, phases };
        command.SetAction((parse, ct) => WithExperimentAsync(parse, global, parse.GetValue(id)!, error, async (grid, status) =>
        {
            // The analysis as far as the points have got: it is recomputed from their results on every call.
            var map = await GrainRetry.CallAsync(grid.Grains.GetGrain<IAnalysisGrain>(status.ExperimentId).BuildCapacityMapAsync, error, ct);
            var breakdown = parse.GetValue(phases) || parse.GetValue(json) ? PhaseBreakdown.Of(map, await SinceSubmittedAsync(grid, status.ExperimentId)) : null;
            if (parse.GetValue(json))
            {
                var node = JsonSerializer.SerializeToNode(status, JsonOutput.Options)!.AsObject();
                node["analysis"] = JsonSerializer.SerializeToNode(map.Analysis, JsonOutput.Options);
                if (breakdown is not null)
                {
                    node["phases"] = JsonSerializer.SerializeToNode(breakdown, JsonOutput.Options);
                }
                await output.WriteLineAsync(node.ToJsonString(JsonOutput.Options));
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"{status.ExperimentId}: {status.State.ToString().ToLowerInvariant()}, {ProgressPrinter.Format(status)}");
            foreach (var line in CapacityAnalysisText.Lines(map.Analysis))
            {
                await output.WriteLineAsync(line);
            }
            foreach (var line in breakdown?.Lines() ?? [])
            {
                await output.WriteLineAsync(line);
            }
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary><c>capgrid watch &lt;id&gt;</c>: follows an experiment until it ends (reattaching after a disconnect).</summary>
    public static Command Watch(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var (id, outDir, json) = (IdArgument(), OutOption(), JsonOption());
        var command = new Command("watch", "Follow an experiment to its end, then write its capacity map") { id, outDir, json };
        command.SetAction((parse, ct) => WithExperimentAsync(parse, global, parse.GetValue(id)!, error, async (grid, _) =>
        {
            var experimentId = parse.GetValue(id)!;
            return await ExperimentWatch.InterruptibleAsync(grid, experimentId, async () =>
            {
                var status = await ExperimentWatch.UntilEndedAsync(grid.Grains.GetGrain<IExperimentGrain>(experimentId), error, ct, grid.Grains.GetGrain<IAnalysisGrain>(experimentId));
                try
                {
                    return await ExperimentWatch.WriteMapAsync(grid.Grains, experimentId, status, parse.GetValue(outDir)!, parse.GetValue(json), output, error, ct);
                }
                catch (ClusterUnavailableException) when (grid.ServedBy is { } owner)
                {
                    // The run that served this watch ends with its experiment, and may stop its silo before this
                    // watch has read the map: that run writes the map itself.
                    await error.WriteLineAsync($"capgrid: {experimentId} {status.State.ToString().ToLowerInvariant()}; capgrid process {owner.ProcessId} stopped its silo before this watch read the map, and wrote the map to its own --out");
                    return ExperimentWatch.ExitCode(status);
                }
            }, ct);
        }, ct));
        return command;
    }

    /// <summary><c>capgrid resume &lt;id&gt;</c>: continues an experiment whose run stopped (its queued points start, running ones resume).</summary>
    public static Command Resume(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var (id, outDir, json) = (IdArgument(), OutOption(), JsonOption());
        var command = new Command("resume", "Continue an interrupted experiment from its checkpoints, follow it and write its capacity map") { id, outDir, json };
        command.SetAction((parse, ct) => WithExperimentAsync(parse, global, parse.GetValue(id)!, error, async (grid, _) =>
        {
            var experimentId = parse.GetValue(id)!;
            var experiment = grid.Grains.GetGrain<IExperimentGrain>(experimentId);
            await experiment.StartAsync((await experiment.GetSpecAsync())!);
            return await ExperimentWatch.InterruptibleAsync(grid, experimentId, async () =>
            {
                var status = await ExperimentWatch.UntilEndedAsync(experiment, error, ct, grid.Grains.GetGrain<IAnalysisGrain>(experimentId));
                return await ExperimentWatch.WriteMapAsync(grid.Grains, experimentId, status, parse.GetValue(outDir)!, parse.GetValue(json), output, error, ct);
            }, ct);
        }, ct, EmbeddedSiloUse.OwnOnly));
        return command;
    }

    /// <summary><c>capgrid cancel &lt;id&gt;</c>: stops every point of the experiment and frees its slots.</summary>
    public static Command Cancel(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var id = IdArgument();
        var command = new Command("cancel", "Stop every running point of an experiment within seconds and free their slots; final") { id };
        command.SetAction((parse, ct) => WithExperimentAsync(parse, global, parse.GetValue(id)!, error, async (grid, _) =>
        {
            var status = await grid.Grains.GetGrain<IExperimentGrain>(parse.GetValue(id)!).CancelAsync();
            await output.WriteLineAsync($"{status.ExperimentId}: {status.State.ToString().ToLowerInvariant()}, {ProgressPrinter.Format(status)}");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary><c>capgrid list</c>: every experiment in this storage.</summary>
    public static Command List(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var json = JsonOption();
        var command = new Command("list", "List the experiments in this storage") { json };
        command.SetAction(async (parse, ct) =>
        {
            ConnectionOptionsOrError(parse, global, error, out var options);
            if (options is null)
            {
                return ExitCodes.BadInput;
            }
            return await Connected.RunAsync(options, error, async grid =>
            {
                var entries = await grid.Grains.GetGrain<IExperimentRegistryGrain>(0).ListAsync();
                var statuses = await Task.WhenAll(entries.Select(e => grid.Grains.GetGrain<IExperimentGrain>(e.ExperimentId).GetStatusAsync()));
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(entries.Zip(statuses, (e, s) => new { e.ExperimentId, e.Name, e.Points, e.Submitted, State = s.State, s.Finished, s.Failed }), JsonOutput.Options));
                    return ExitCodes.Success;
                }
                foreach (var (entry, status) in entries.Zip(statuses))
                {
                    await output.WriteLineAsync($"{entry.ExperimentId}  {entry.Submitted.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {status.State.ToString().ToLowerInvariant()}  {status.Ended}/{status.Total} points ended");
                }
                return ExitCodes.Success;
            }, ct);
        });
        return command;
    }

    // From the registry's record of the submission; null when it holds none for the id.
    private static async Task<TimeSpan?> SinceSubmittedAsync(Connection.GridConnection grid, string experimentId)
    {
        var entries = await grid.Grains.GetGrain<IExperimentRegistryGrain>(0).ListAsync();
        return entries.FirstOrDefault(e => e.ExperimentId == experimentId) is { } entry ? TimeProvider.System.GetUtcNow() - entry.Submitted : null;
    }

    private static async Task<int> WithExperimentAsync(
        ParseResult parse, GlobalOptions global, string id, TextWriter error,
        Func<Connection.GridConnection, ExperimentStatus, Task<int>> work, CancellationToken cancellationToken,
        EmbeddedSiloUse use = EmbeddedSiloUse.ShareRunning)
    {
        if (!ExperimentIds.IsValid(id))
        {
            await error.WriteLineAsync($"capgrid: '{ExperimentIds.Printable(id)}' is not an experiment id ({ExperimentIds.Rule})");
            return ExitCodes.BadInput;
        }
        ConnectionOptionsOrError(parse, global, error, out var options);
        if (options is null)
        {
            return ExitCodes.BadInput;
        }
        if (await EmptyLocalStorage.HoldsNothingAsync(options, cancellationToken))
        {
            await error.WriteLineAsync($"capgrid: no experiment '{id}' in this storage (see 'capgrid list')");
            return ExitCodes.BadInput;
        }
        return await Connected.RunAsync(options, error, async grid =>
            await ExperimentWatch.FindAsync(grid.Grains, id, error, cancellationToken) is { } status
                ? await work(grid, status)
                : ExitCodes.BadInput,
            cancellationToken, use, experiment: id);
    }

    private static void ConnectionOptionsOrError(ParseResult parse, GlobalOptions global, TextWriter error, out Connection.ConnectionOptions? options)
    {
        try
        {
            options = global.Read(parse);
        }
        catch (SpecException e)
        {
            error.WriteLine($"capgrid: {e.Message}");
            options = null;
        }
    }

    private static Argument<string> IdArgument() => new("id") { Description = "The experiment id (see 'capgrid list')" };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON" };

    private static Option<DirectoryInfo> OutOption() =>
        new("--out") { Description = "Folder for results; the experiment writes to a sub-folder named by its id", DefaultValueFactory = _ => new DirectoryInfo("capgrid-out") };
}

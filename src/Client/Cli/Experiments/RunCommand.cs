using System.CommandLine;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Experiments;

/// <summary>
/// <c>capgrid run &lt;spec.json&gt;</c> (submit, follow to the end, write the capacity map) and
/// <c>capgrid submit &lt;spec.json&gt;</c> (submit to a cluster and return).
/// </summary>
public static class RunCommand
{
    /// <summary>Builds <c>run</c> (<paramref name="follow"/> true) or <c>submit</c>.</summary>
    public static Command Create(GlobalOptions global, TextWriter output, TextWriter error, bool follow = true)
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The experiment spec (JSON); see examples/" };
        var id = new Option<string?>("--id") { Description = "Experiment id (default: the spec's name and the start time); an existing id with the same spec continues it" };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for results; each experiment writes to a sub-folder named by its id", DefaultValueFactory = _ => new DirectoryInfo("capgrid-out") };
        var json = new Option<bool>("--json") { Description = "Print the capacity map as JSON instead of a table" };
        var yes = new Option<bool>("--yes") { Description = $"Start a large run without asking (over {RunSize.PointsWithoutAsking:#,0} points or an estimated day)" };
        var command = follow
            ? new Command("run", "Run a sweep (on an in-process silo unless --cluster is given), follow it and write its capacity map") { spec, id, outDir, json, yes }
            : new Command("submit", "Submit a sweep to a running cluster (--cluster) and return; follow it with 'capgrid watch'") { spec, id, yes };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, global, parse.GetValue(spec)!, parse.GetValue(id), parse.GetValue(outDir), parse.GetValue(json), parse.GetValue(yes), follow, output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, GlobalOptions global, FileInfo specFile, string? id, DirectoryInfo? outDir, bool json, bool yes, bool follow,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ExperimentSpec spec;
        Connection.ConnectionOptions connection;
        RunSize size;
        try
        {
            spec = SpecParser.ParseFile(specFile.FullName);
            connection = global.Read(parse);
            // The embedded silo reads the dataset on this machine.
            var shape = connection.Cluster is null ? SpecPreflight.CheckLocalFiles(spec) : null;
            if (!follow && connection.Cluster is null)
            {
                throw new SpecException("--cluster", "submit returns at once, so it needs a running cluster; without one, use 'capgrid run'");
            }
            // Sized before anything starts: a point that can never train is refused with nothing created.
            (size, var warnings) = SubmitSizing.Check(spec, shape, connection);
            if (size.NeedsConfirmation && !yes && !await ConfirmAsync(size, error))
            {
                throw new SpecException("--yes", $"needed for a run of {size.Excess}: {size}");
            }
            foreach (var warning in warnings)
            {
                await error.WriteLineAsync($"capgrid: warning: {warning}");
            }
        }
        catch (SpecException e)
        {
            await error.WriteLineAsync($"capgrid: {specFile}: {e.Message}");
            return ExitCodes.BadInput;
        }
        if (id is not null && !ExperimentIds.IsValid(id))
        {
            await error.WriteLineAsync($"capgrid: --id: '{ExperimentIds.Printable(id)}' must be {ExperimentIds.Rule}");
            return ExitCodes.BadInput;
        }
        var experimentId = id ?? $"{spec.Name}-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}";

        return await Connected.RunAsync(connection, error, async grid =>
        {
            var experiment = grid.Grains.GetGrain<IExperimentGrain>(experimentId);
            try
            {
                await experiment.StartAsync(spec);
            }
            catch (InvalidOperationException e)
            {
                await error.WriteLineAsync($"capgrid: {e.Message}");
                return ExitCodes.BadInput;
            }
            await error.WriteLineAsync($"capgrid: experiment {experimentId}: {size}");
            if (!follow)
            {
                await output.WriteLineAsync(experimentId);
                return ExitCodes.Success;
            }
            return await ExperimentWatch.InterruptibleAsync(grid, experimentId, async () =>
            {
                var status = await ExperimentWatch.UntilEndedAsync(experiment, error, cancellationToken, grid.Grains.GetGrain<IAnalysisGrain>(experimentId));
                return await ExperimentWatch.WriteMapAsync(grid.Grains, experimentId, status, outDir!, json, output, error, cancellationToken);
            }, cancellationToken);
        }, cancellationToken, Connection.EmbeddedSiloUse.OwnOnly);
    }

    // On a terminal a large run is asked about; anywhere else (a script, CI) it needs --yes.
    private static async Task<bool> ConfirmAsync(RunSize size, TextWriter error)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected || Console.IsInputRedirected)
        {
            return false;
        }
        await error.WriteAsync($"capgrid: this run is large: {size}. Start it? [y/N] ");
        var answer = (await Console.In.ReadLineAsync())?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}

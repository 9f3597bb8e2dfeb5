using System.CommandLine;
using System.Text.Json;
using CapacityGrid.Client.Embedded;
using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Cli;

/// <summary><c>capgrid run &lt;spec.json&gt;</c>: runs a sweep on an embedded silo and writes its capacity map.</summary>
public static class RunCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The experiment spec (JSON); see examples/" };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for results; each experiment writes to a sub-folder named by its id", DefaultValueFactory = _ => new DirectoryInfo("capgrid-out") };
        var dataDir = new Option<DirectoryInfo>("--data") { Description = "Folder for the run's storage (Azurite's data) when storage is local", DefaultValueFactory = _ => new DirectoryInfo(".capgrid") };
        var storage = new Option<string?>("--storage") { Description = "Azure Storage connection string (default: $Storage__ConnectionString, else UseDevelopmentStorage=true)" };
        var id = new Option<string?>("--id") { Description = "Experiment id (default: the spec's name and the start time); running an existing id again continues it" };
        var slots = new Option<int?>("--slots") { Description = "Points trained at once (default: one per two cores)" };
        var json = new Option<bool>("--json") { Description = "Print the capacity map as JSON instead of a table" };
        var verbose = new Option<bool>("--verbose") { Description = "Show the silo's logs" };
        var command = new Command("run", "Run a width x depth sweep on an in-process silo and write its capacity map")
        {
            spec, outDir, dataDir, storage, id, slots, json, verbose,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new RunArguments(
                parse.GetValue(spec)!, parse.GetValue(outDir)!, parse.GetValue(dataDir)!,
                parse.GetValue(storage) ?? Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? "UseDevelopmentStorage=true",
                parse.GetValue(id), parse.GetValue(slots), parse.GetValue(json), parse.GetValue(verbose)),
            output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(RunArguments args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ExperimentSpec spec;
        try
        {
            spec = SpecParser.ParseFile(args.Spec.FullName);
            SpecPreflight.CheckLocalFiles(spec);
            if (args.Slots is < 1)
            {
                throw new SpecException("--slots", $"must be at least 1 (got {args.Slots})");
            }
        }
        catch (SpecException e)
        {
            await error.WriteLineAsync($"capgrid: {args.Spec}: {e.Message}");
            return ExitCodes.BadInput;
        }
        var experimentId = args.Id ?? $"{spec.Name}-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}";
        if (args.Id is not null && !ExperimentIds.IsValid(args.Id))
        {
            await error.WriteLineAsync($"capgrid: --id: '{args.Id}' must be 1-56 characters of a-z, 0-9 and single '-' between them");
            return ExitCodes.BadInput;
        }

        EmbeddedCluster cluster;
        try
        {
            cluster = await EmbeddedCluster.StartAsync(
                new EmbeddedOptions(args.Storage, args.Data.FullName, args.Slots, args.Verbose),
                message => error.WriteLine($"capgrid: {message}"),
                cancellationToken);
        }
        catch (Exception e) when (e is AzuriteUnavailableException or FormatException)
        {
            await error.WriteLineAsync($"capgrid: storage: {e.Message}");
            return ExitCodes.Unavailable;
        }

        await using (cluster)
        {
            var experiment = cluster.Grains.GetGrain<IExperimentGrain>(experimentId);
            await error.WriteLineAsync($"capgrid: experiment {experimentId}: {GridPlanner.Expand(spec).Count} points");
            var progress = new ProgressPrinter(error, TimeProvider.System);
            var status = await experiment.StartAsync(spec);
            while (status.State is not (ExperimentState.Completed or ExperimentState.Cancelled))
            {
                progress.Report(status);
                await Task.Delay(PollInterval, cancellationToken);
                status = await experiment.GetStatusAsync();
            }
            progress.Report(status);

            var analysis = cluster.Grains.GetGrain<IAnalysisGrain>(experimentId);
            var map = await analysis.BuildCapacityMapAsync();
            if (map.DatasetMeasuresJson is null)
            {
                await error.WriteLineAsync("capgrid: waiting for the dataset measures (computed once per dataset, then cached)");
            }
            while (map.DatasetMeasuresJson is null)
            {
                await Task.Delay(PollInterval, cancellationToken);
                map = await analysis.BuildCapacityMapAsync();
            }
            var folder = Directory.CreateDirectory(Path.Combine(args.Out.FullName, experimentId));
            var mapPath = Path.Combine(folder.FullName, "capacity-map.json");
            await File.WriteAllTextAsync(mapPath, JsonSerializer.Serialize(map, JsonOutput.Options), cancellationToken);
            await output.WriteAsync(args.Json ? JsonSerializer.Serialize(map, JsonOutput.Options) + Environment.NewLine : CapacityMapTable.Render(map));
            await error.WriteLineAsync($"capgrid: wrote {mapPath}");
            return status.Failed > 0 ? ExitCodes.PointsFailed : ExitCodes.Success;
        }
    }

    private sealed record RunArguments(FileInfo Spec, DirectoryInfo Out, DirectoryInfo Data, string Storage, string? Id, int? Slots, bool Json, bool Verbose);
}

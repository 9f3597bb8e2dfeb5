using System.CommandLine;
using System.Text.Json;
using CapacityGrid.Client.Cli.Experiments;
using CapacityGrid.Client.Connection;
using CapacityGrid.Client.Output;
using CapacityGrid.Client.Report;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli;

/// <summary>
/// <c>capgrid report &lt;id&gt; --out report.html</c>: the experiment's capacity map as one self-contained HTML report
/// with plots, and report.json (the map) and report.csv (one row per point) beside it.
/// </summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var id = new Argument<string>("id") { Description = "The experiment id (see 'capgrid list')" };
        var outPath = new Option<FileInfo>("--out") { Description = "The HTML report to write; the .json and .csv exports go beside it", DefaultValueFactory = _ => new FileInfo("report.html") };
        var mapFile = new Option<FileInfo?>("--map") { Description = "Render a saved capacity-map.json instead of asking the cluster (no storage needed)" };
        var json = new Option<bool>("--json") { Description = "Print the written paths and each plot's state as JSON" };
        var command = new Command("report", "Write an experiment's report: one self-contained HTML file with plots, plus JSON and CSV exports") { id, outPath, mapFile, json };
        command.SetAction((parse, ct) => ReportAsync(parse, global, parse.GetValue(id)!, parse.GetValue(outPath)!, parse.GetValue(mapFile), parse.GetValue(json), output, error, ct));
        return command;
    }

    private static async Task<int> ReportAsync(
        ParseResult parse, GlobalOptions global, string id, FileInfo outPath, FileInfo? mapFile, bool json,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!ExperimentIds.IsValid(id))
        {
            await error.WriteLineAsync($"capgrid: '{id}' is not an experiment id (a-z, 0-9 and single '-', at most 56 characters)");
            return ExitCodes.BadInput;
        }
        ReportPaths paths;
        string plotly;
        try
        {
            paths = ReportFiles.For(outPath.ToString());
            plotly = PlotlyLocator.Read(message => error.WriteLine($"capgrid: {message}"));
        }
        catch (ReportException e)
        {
            await error.WriteLineAsync($"capgrid: report: {e.Message}");
            return e.Message.StartsWith("--out", StringComparison.Ordinal) ? ExitCodes.BadInput : ExitCodes.Unavailable;
        }
        if (mapFile is not null)
        {
            CapacityMap map;
            try
            {
                map = CapacityMapFile.Read(mapFile.FullName);
            }
            catch (ReportException e)
            {
                await error.WriteLineAsync($"capgrid: --map {e.Message}");
                return ExitCodes.BadInput;
            }
            if (map.ExperimentId != id)
            {
                await error.WriteLineAsync($"capgrid: --map {mapFile.FullName}: holds experiment '{map.ExperimentId}', not '{id}'");
                return ExitCodes.BadInput;
            }
            return await WriteAsync(map, paths, plotly, json, output, error, cancellationToken);
        }
        ConnectionOptions options;
        try
        {
            options = global.Read(parse);
        }
        catch (SpecException e)
        {
            await error.WriteLineAsync($"capgrid: {e.Message}");
            return ExitCodes.BadInput;
        }
        return await Connected.RunAsync(options, error, async grid =>
        {
            if (await ExperimentWatch.FindAsync(grid.Grains, id, error, cancellationToken) is null)
            {
                return ExitCodes.BadInput;
            }
            var map = await ExperimentWatch.BuildMapAsync(grid.Grains, id, error, cancellationToken);
            return await WriteAsync(map, paths, plotly, json, output, error, cancellationToken);
        }, cancellationToken, experiment: id);
    }

    private static async Task<int> WriteAsync(CapacityMap map, ReportPaths paths, string plotly, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await ReportFiles.WriteAsync(map, paths, plotly, cancellationToken);
        var plots = ReportDocument.Plots(map);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                html = paths.Html, json = paths.Json, csv = paths.Csv,
                plots = plots.Select(p => new { id = p.Id, title = p.Title, plotted = p.Figure is not null, missing = p.Missing }),
            }, JsonOutput.Options));
        }
        else
        {
            await output.WriteLineAsync(paths.Html);
            foreach (var missing in plots.Where(p => p.Missing is not null))
            {
                await error.WriteLineAsync($"capgrid: report: no plot '{missing.Title}': {missing.Missing}");
            }
            await error.WriteLineAsync($"capgrid: wrote {paths.Html}, {Path.GetFileName(paths.Json)} and {Path.GetFileName(paths.Csv)} beside it");
        }
        return ExitCodes.Success;
    }
}

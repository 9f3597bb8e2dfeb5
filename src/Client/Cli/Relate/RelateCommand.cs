using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CapacityGrid.Analysis.Capacity.Law;
using CapacityGrid.Client.Output;
using CapacityGrid.Client.Report;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Relate;

/// <summary>
/// <c>capgrid relate &lt;map | folder | id&gt;... [--capacity parameters|architectureBits] [--json] [--law law.json] [--html law.html]</c>:
/// fits, across finished experiments of different datasets, the knee's capacity against each dataset estimate and
/// reports each fit with its leave-one-out prediction error in grid steps.
/// </summary>
public static class RelateCommand
{
    private static readonly string[] Capacities = ["parameters", "architectureBits"];

    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("maps") { Description = "capacity-map.json files, folders holding them (searched below), or experiment ids with a map under --maps", Arity = ArgumentArity.OneOrMore };
        var mapsFolder = new Option<DirectoryInfo>("--maps") { Description = "Where run, watch and resume wrote the maps of experiment ids given", DefaultValueFactory = _ => new DirectoryInfo("capgrid-out") };
        var capacity = new Option<string>("--capacity") { Description = "The knee's capacity to fit: parameters or architectureBits", DefaultValueFactory = _ => "parameters" };
        var json = new Option<bool>("--json") { Description = "Print the fits as JSON" };
        var law = new Option<FileInfo?>("--law") { Description = "Also write the fits as JSON to this file" };
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML page with one log-log plot per fit" };
        var command = new Command("relate", "Fit the knee's capacity against each dataset estimate across experiments, with leave-one-out errors in grid steps")
        {
            inputs, mapsFolder, capacity, json, law, html,
        };
        command.SetAction((parse, _) => RelateAsync(parse.GetValue(inputs)!, parse.GetValue(mapsFolder)!.FullName, parse.GetValue(capacity)!,
            parse.GetValue(json), parse.GetValue(law), parse.GetValue(html), output, error));
        return command;
    }

    private static async Task<int> RelateAsync(string[] inputs, string mapsFolder, string capacity, bool json, FileInfo? law, FileInfo? html, TextWriter output, TextWriter error)
    {
        IReadOnlyList<LawObservation> observations;
        try
        {
            if (!Capacities.Contains(capacity))
            {
                throw new SpecException("--capacity", $"must be parameters or architectureBits (got '{capacity}')");
            }
            if (html is not null && !html.Extension.Equals(".html", StringComparison.OrdinalIgnoreCase) && !html.Extension.Equals(".htm", StringComparison.OrdinalIgnoreCase))
            {
                throw new SpecException("--html", $"{html.FullName}: must be an .html file");
            }
            observations = Observations(inputs, mapsFolder, capacity);
        }
        catch (SpecException e)
        {
            await error.WriteLineAsync($"capgrid: {e.Message}");
            return ExitCodes.BadInput;
        }
        string? plotly = null;
        if (html is not null)
        {
            try
            {
                plotly = PlotlyLocator.Read(message => error.WriteLine($"capgrid: {message}"));
            }
            catch (ReportException e)
            {
                await error.WriteLineAsync($"capgrid: relate --html: {e.Message}");
                return ExitCodes.Unavailable;
            }
        }
        var fits = CapacityLaw.Fit(observations);
        var report = new LawReport(capacity, [.. observations.Select(o => new LawExperiment(o.Experiment, o.Dataset, o.Capacity, o.StepFactor))], fits);
        if (law is not null)
        {
            await File.WriteAllTextAsync(law.FullName, JsonSerializer.Serialize(report, JsonOutput.Options));
        }
        if (html is not null)
        {
            Directory.CreateDirectory(html.DirectoryName!);
            await File.WriteAllTextAsync(html.FullName, LawDocument.Render(report, plotly!));
            await error.WriteLineAsync($"capgrid: wrote {html.FullName}");
        }
        await output.WriteAsync(json ? JsonSerializer.Serialize(report, JsonOutput.Options) + Environment.NewLine : Render(report));
        return ExitCodes.Success;
    }

    private static List<LawObservation> Observations(string[] inputs, string mapsFolder, string capacity)
    {
        var files = LawInputs.MapFiles(inputs, mapsFolder);
        var observations = new List<LawObservation>();
        var byDataset = new Dictionary<string, string>(StringComparer.Ordinal);
        var byExperiment = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var map = LawInputs.Read(file);
            if (!byExperiment.Add(map.ExperimentId))
            {
                throw new SpecException(file, $"experiment '{map.ExperimentId}' is given twice");
            }
            if (byDataset.TryGetValue(map.Dataset.Description, out var other))
            {
                throw new SpecException(file, $"experiment '{map.ExperimentId}' has the dataset of '{other}' ({map.Dataset.Description}); relate counts each dataset once");
            }
            byDataset[map.Dataset.Description] = map.ExperimentId;
            observations.Add(LawInputs.Observe(file, map, capacity));
        }
        if (observations.Count < CapacityLaw.MinimumExperiments)
        {
            throw new SpecException("maps", $"relate needs at least {CapacityLaw.MinimumExperiments} experiments of different datasets (got {observations.Count})");
        }
        return observations;
    }

    private static string Render(LawReport report)
    {
        var text = new System.Text.StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"capacity law: knee {report.Capacity} against each dataset estimate, over {report.Experiments.Count} experiments");
        foreach (var e in report.Experiments)
        {
            text.AppendLine(inv, $"  {e.Experiment}: knee {e.Knee:0.#} ({e.Dataset}), grid step x{e.StepFactor:0.00}");
        }
        text.AppendLine();
        var width = Math.Max("estimate".Length, report.Fits.Select(f => f.Estimate.Length).DefaultIfEmpty(0).Max());
        text.AppendLine($"{"estimate".PadRight(width)}  n  law                         R²      leave-one-out error (grid steps) mean / max");
        foreach (var fit in report.Fits)
        {
            var name = fit.Estimate.PadRight(width);
            text.AppendLine(fit.Coefficient is { } c && fit.Exponent is { } b
                ? string.Create(inv, $"{name} {fit.Experiments,2}  {c,9:G3} x estimate^{b,-6:0.000}  {fit.RSquared,6:0.000}  {Steps(fit.MeanLeaveOneOutSteps),6} / {Steps(fit.MaxLeaveOneOutSteps)}")
                : string.Create(inv, $"{name} {fit.Experiments,2}  no fit: {fit.Reason}"));
        }
        if (report.Fits.FirstOrDefault(f => f.MeanLeaveOneOutSteps is not null) is { } best)
        {
            text.AppendLine();
            text.AppendLine(inv, $"best predictor: {best.Estimate}, off by {best.MeanLeaveOneOutSteps:0.00} grid steps on average on the experiment it was not fitted on (worst {best.MaxLeaveOneOutSteps:0.00}).");
        }
        return text.ToString();
    }

    private static string Steps(double? steps) => steps is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}

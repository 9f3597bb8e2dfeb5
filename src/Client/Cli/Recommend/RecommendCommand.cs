using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Datasets;

namespace CapacityGrid.Client.Cli.Recommend;

/// <summary>
/// <c>capgrid recommend &lt;dataset&gt;</c>: trains a probe pair in this process (<see cref="ProbePair"/>), sizes each hidden
/// layer, names the bottleneck and recommends the depth (<see cref="TwoWidthSizer"/>), optionally verifies with a star
/// around the recommendation within the budget (<see cref="StarPlanner"/>), and compares the compute with a full sweep. Local training: one model (or a handful with --verify) needs no cluster,
/// storage or checkpoints, and starts in a second.
/// </summary>
public static class RecommendCommand
{
    /// <summary>The grid a full sweep is compared with unless <c>--sweep</c> names a spec.</summary>
    public static readonly GridSpec DefaultSweep = new([8, 16, 32, 64, 128, 256], [1, 2, 3], [1, 2, 3]);

    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new Argument<string>("dataset") { Description = "A CSV file (.csv, .csv.gz), an IDX folder, an experiment spec or a bare dataset spec (.json)" };
        var label = new Option<string?>("--label") { Description = "The CSV label column, by header name or 0-based index (default: the last column)" };
        var width = new Option<int?>("--probe-width") { Description = "The probe's width at most (default: the sweep's widest layer); the budget may choose a narrower one" };
        var depth = new Option<int?>("--depth") { Description = "Fix the recommendation's hidden layers (default: recommended from the probes; at most the probes' depth)" };
        var probeDepth = new Option<int?>("--probe-depth") { Description = "Hidden layers of the probes (default: the sweep's deepest)" };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs the probe (and each verification model) trains at most (default: the sweep's, or 20)" };
        var budget = new Option<double?>("--budget") { Description = "The probe's compute budget in training multiply-adds (default: --budget-fraction of the sweep)" };
        var fraction = new Option<double>("--budget-fraction") { Description = "The probe's share of the sweep's multiply-adds without --budget", DefaultValueFactory = _ => RecommendRequest.DefaultBudgetFraction };
        var rate = new Option<double>("--learning-rate") { Description = "Adam's learning rate", DefaultValueFactory = _ => 0.003 };
        var batch = new Option<int>("--batch-size") { Description = "Batch size", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed") { Description = "Seed of the probe's initialisation and batch order", DefaultValueFactory = _ => 1 };
        var verify = new Option<bool>("--verify") { Description = "Also train a star around the recommendation (each layer alone x0.5 and x2), cut to what the budget leaves after the probes, and report its knee" };
        var sweep = new Option<string?>("--sweep") { Description = "An experiment spec whose grid (and epochs) the compute is compared with (default: widths 8-256 x depths 1-3 x 3 seeds)" };
        var json = new Option<bool>("--json") { Description = "Print the recommendation as JSON" };
        var law = new Option<string?>("--law") { Description = "A capacity law (relate --law law.json) used as a prior: lower-bound layers are raised to the width of the knee it predicts" };
        var command = new Command("recommend", "Recommend each hidden layer's width, the bottleneck and the depth from two probe models (a width and half of it), with the evidence and the compute saved against a sweep")
        {
            source, label, width, depth, probeDepth, epochs, rate, batch, seed, verify, sweep, budget, fraction, law, json,
        };
        command.SetAction((parse, token) => RunAsync(
            new RecommendRequest(parse.GetValue(source)!, parse.GetValue(label), parse.GetValue(width), parse.GetValue(depth),
                parse.GetValue(epochs), parse.GetValue(rate), parse.GetValue(batch), parse.GetValue(seed), parse.GetValue(verify),
                parse.GetValue(sweep), parse.GetValue(budget), parse.GetValue(fraction), parse.GetValue(probeDepth), parse.GetValue(law)),
            parse.GetValue(json), output, error, token));
        return command;
    }

    private static async Task<int> RunAsync(RecommendRequest request, bool json, TextWriter output, TextWriter error, CancellationToken token)
    {
        DataSplit data;
        SweepCost sweepCost;
        ProbePlan plan;
        int[] widths;
        IReadOnlyList<(string, double, double, double)>? lawFits = null;
        DatasetSpec datasetSpec;
        try
        {
            request.Validate();
            if (request.Law is { } lawPath)
            {
                lawFits = LawPrior.Read(lawPath);
            }
            var dataset = DatasetOf(request.Source, request.Label);
            datasetSpec = dataset;
            var (sweepGrid, sweepEpochs, sweepName) = SweepOf(request, dataset);
            request = request with { ProbeDepth = request.ProbeDepth ?? sweepGrid.Depths.Max() };
            if (request.Depth > request.ProbeDepth)
            {
                throw RecommendRequest.AboveTheProbe(request.Depth.Value, request.ProbeDepth.Value);
            }
            widths = [.. sweepGrid.Widths.Concat(sweepGrid.BottleneckWidths ?? []).Distinct().Order()];
            data = await Task.Run(() => DatasetCache.Load(dataset), token);
            sweepCost = SweepCost.Of(sweepGrid, sweepEpochs, sweepName, data.Train);
            plan = PlanProbe(request, data, sweepGrid, sweepEpochs, sweepCost);
        }
        catch (Exception e) when (e is SpecException or DataFormatException or IOException or ArgumentException)
        {
            await error.WriteLineAsync($"capgrid: {e.Message}");
            return ExitCodes.BadInput;
        }
        var recommendation = await Task.Run(() => new Recommender(request, data, widths, error, token).Run(plan, sweepCost, lawFits is null ? null : () => (lawFits, DatasetCache.LoadRaw(datasetSpec))), token);
        await output.WriteAsync(json
            ? JsonSerializer.Serialize(recommendation, JsonOutput.Options) + Environment.NewLine
            : RecommendationText.Render(recommendation));
        return ExitCodes.Success;
    }

    private static (GridSpec Grid, int Epochs, string Name) SweepOf(RecommendRequest request, DatasetSpec dataset)
    {
        if (request.Sweep is not { } path)
        {
            return (DefaultSweep, request.Epochs ?? RecommendRequest.DefaultEpochs, "default grid: widths 8-256 x depths 1-3 x 3 seeds");
        }
        var spec = SpecParser.ParseFile(path);
        if (!SameData.Equal(spec.Dataset, dataset))
        {
            throw new SpecException("--sweep", $"the sweep's dataset ({SameData.Name(spec.Dataset)}) differs from the probe's ({SameData.Name(dataset)})");
        }
        return (spec.Grid, spec.Training.Epochs, $"grid of {path}");
    }

    // The budget, and the probe it affords; a budget too small for any probe is bad input.
    private static ProbePlan PlanProbe(RecommendRequest request, DataSplit data, GridSpec grid, int sweepEpochs, SweepCost sweep)
    {
        var budget = request.Budget ?? request.BudgetFraction * sweep.MultiplyAdds;
        try
        {
            // The probes get their share of the budget whether or not --verify follows, so both give the same recommendation.
            return ProbePlanner.Plan(
                SizingBudget.ProbeShare * budget, data.Train.FeatureCount, data.Train.Classes, request.ProbeDepth!.Value, data.Train.Samples,
                request.Epochs ?? sweepEpochs, request.ProbeWidth ?? grid.Widths.Concat(grid.BottleneckWidths ?? []).Max(), withHalfWidth: true);
        }
        catch (ArgumentException e)
        {
            // The planner saw the probes' share; say what the user's whole budget leaves them.
            var why = e.Message.Split(" (Parameter")[0];
            var cannot = why.IndexOf("cannot", StringComparison.Ordinal);
            throw new SpecException(request.Budget is null ? "--budget-fraction" : "--budget", cannot < 0 ? why
                : string.Create(CultureInfo.InvariantCulture, $"{budget:0.00e0} multiply-adds leave {SizingBudget.ProbeShare * budget:0.00e0} for the probes, which {why[cannot..]}"));
        }
    }

    // The dataset as in specs: a folder is IDX, a .json file an experiment or bare dataset spec, else a CSV file.
    private static DatasetSpec DatasetOf(string source, string? label)
    {
        if (Directory.Exists(source))
        {
            return new DatasetSpec(DatasetKinds.Name(DatasetKind.Idx), source);
        }
        if (!File.Exists(source))
        {
            throw new SpecException("dataset", $"'{source}' is neither a file nor a folder");
        }
        if (source.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return SpecParser.ParseDatasetFile(source);
        }
        if (source.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
        {
            var dataset = new DatasetSpec(DatasetKinds.Name(DatasetKind.Csv), source, Label: label);
            SpecValidator.ValidateDataset(dataset);
            return dataset;
        }
        throw new SpecException("dataset", $"'{source}': expected a CSV file (.csv, .csv.gz), an IDX folder or a spec (.json)");
    }

    internal static string Number(double value) => value.ToString(value >= 1e6 ? "0.00e0" : "#,0", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Measure;

/// <summary>
/// <c>capgrid measure dataset &lt;source&gt;</c>: the information measures of a dataset; <c>capgrid measure model</c>
/// (<see cref="MeasureModelCommand"/>) those of a trained model.
/// </summary>
public static class MeasureCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var source = new Argument<string>("source") { Description = "A CSV file (.csv, .csv.gz), an IDX folder (e.g. /usr/share/datasets/fashion-mnist) or an experiment spec (.json)" };
        var label = new Option<string?>("--label") { Description = "The CSV label column, by header name or 0-based index (default: the last column)" };
        var json = new Option<bool>("--json") { Description = "Print the measures as JSON (keys documented in docs/cli.md)" };
        var maxSamples = new Option<int>("--max-samples") { Description = "Rows the neighbour-based measures (TwoNN, MLE, KSG) use at most", DefaultValueFactory = _ => new DatasetMeasurerOptions().MaxNeighbourSamples };
        var dataset = new Command("dataset", "Measure a dataset's information content: label and feature entropy, compression bounds, intrinsic dimension, MEC, mutual information")
        {
            source, label, json, maxSamples,
        };
        dataset.SetAction((parse, cancellationToken) => MeasureDatasetAsync(
            parse.GetValue(source)!, parse.GetValue(label), parse.GetValue(json), parse.GetValue(maxSamples), output, error, cancellationToken));
        return new Command("measure", "Measure the information content of a dataset or a trained model")
        {
            dataset,
            MeasureModelCommand.Create(global, output, error),
        };
    }

    private static async Task<int> MeasureDatasetAsync(string source, string? label, bool json, int maxSamples, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        TabularData data;
        string description;
        try
        {
            if (maxSamples < 3)
            {
                throw new SpecException("--max-samples", $"must be at least 3 (got {maxSamples})");
            }
            (data, description) = DatasetSource.Load(source, label);
        }
        catch (SpecException e)
        {
            await error.WriteLineAsync($"capgrid: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is DataFormatException or IOException or ArgumentException)
        {
            await error.WriteLineAsync($"capgrid: {e.Message}");
            return ExitCodes.BadInput;
        }

        await error.WriteLineAsync($"capgrid: measuring {description}: {data.Samples} samples x {data.FeatureCount} features");
        var watch = Stopwatch.StartNew();
        var measures = await Task.Run(() => new DatasetMeasurer(new DatasetMeasurerOptions { MaxNeighbourSamples = maxSamples }).Measure(data, cancellationToken), cancellationToken);
        await error.WriteLineAsync($"capgrid: measured in {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        await output.WriteAsync(json ? JsonSerializer.Serialize(measures, JsonOutput.Options) + Environment.NewLine : DatasetMeasuresText.Render(measures));
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Measures.Pruning;
using CapacityGrid.Analysis.Measures.Weights;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Client.Cli.Export;
using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Training;

namespace CapacityGrid.Client.Cli.Measure;

/// <summary>
/// <c>capgrid measure model &lt;experiment-id&gt; &lt;point-id&gt; [--epoch N] [--probe-data &lt;source&gt;] [--prune] [--json]</c>
/// (or <c>&lt;checkpoint file&gt;</c>): the weight measures of a trained model read from its stored checkpoint, and with
/// <c>--probe-data</c> the layer probe of its hidden layers (and with <c>--prune</c> its magnitude pruning curve) on that data.
/// </summary>
public static class MeasureModelCommand
{
    /// <summary>Builds the <c>model</c> subcommand.</summary>
    public static Command Create(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var source = new CheckpointArguments(global, fileWithoutFlag: true);
        source.Source.Description = "The experiment whose stored checkpoint to measure (with point-id), or a checkpoint file (e.g. a downloaded epoch-NNNN.ckpt blob)";
        // Named --probe-data: --data is Azurite's folder, as for every command that reads storage.
        var data = new Option<string?>("--probe-data") { Description = "Probe the hidden layers on this data: an experiment spec (.json; its test part), a CSV file or an IDX folder (standardised with their own statistics)" };
        var label = new Option<string?>("--label") { Description = "The CSV label column of --probe-data, by header name or 0-based index (default: the last column)" };
        var prune = new Option<bool>("--prune") { Description = "Also measure the magnitude pruning curve (needs --probe-data with a spec: it fine-tunes on the training part)" };
        var json = new Option<bool>("--json") { Description = "Print the measures as JSON (keys documented in docs/cli.md)" };
        var command = new Command("model", "Measure a trained model from its checkpoint: weight entropy, ranks, power-law alpha, capacity; layer saturation and information with --probe-data")
        {
            data, label, prune, json,
        };
        source.AddTo(command);
        // It reads stored checkpoints, so it takes where storage is; it never connects to a cluster.
        global.AddStorageTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (payload, name, exitCode) = await source.ReadAsync(parse, error, cancellationToken);
            return payload is null
                ? exitCode
                : await MeasureAsync(payload, new Request(name, parse.GetValue(data), parse.GetValue(label), parse.GetValue(prune), parse.GetValue(json)),
                    output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> MeasureAsync(byte[] payload, Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var path = request.Checkpoint;
        TrainingCheckpoint checkpoint;
        try
        {
            checkpoint = CheckpointFormat.Read(payload);
        }
        catch (CheckpointFormatException e)
        {
            await error.WriteLineAsync($"capgrid: {path}: {e.Message}");
            return ExitCodes.BadInput;
        }

        ModelData? data = null;
        try
        {
            data = LoadData(request, checkpoint.Spec);
        }
        catch (Exception e) when (e is SpecException or DataFormatException or IOException or ArgumentException)
        {
            await error.WriteLineAsync($"capgrid: {e.Message}");
            return ExitCodes.BadInput;
        }

        await error.WriteLineAsync($"capgrid: measuring {path}: model {checkpoint.Spec}, epoch {checkpoint.Epoch}" +
            (data is null ? "" : $", on {data.Description}: {data.Samples.Samples} samples"));
        var watch = Stopwatch.StartNew();
        ModelMeasures measures;
        try
        {
            measures = await Task.Run(() => Measure(path, checkpoint, data, request.Prune, cancellationToken), cancellationToken);
        }
        catch (CheckpointFormatException e)
        {
            await error.WriteLineAsync($"capgrid: {path}: {e.Message}");
            return ExitCodes.BadInput;
        }
        await error.WriteLineAsync($"capgrid: measured in {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        await output.WriteAsync(request.Json ? JsonSerializer.Serialize(measures, JsonOutput.Options) + Environment.NewLine : ModelMeasuresText.Render(measures));
        return ExitCodes.Success;
    }

    // The --probe-data samples, checked against the model; null without it.
    private static ModelData? LoadData(Request request, IModelSpec spec)
    {
        if (request.Prune && spec is not MlpSpec)
        {
            throw new SpecException("--prune", $"magnitude pruning measures MLP checkpoints only; {request.Checkpoint} holds a {spec.Family} ({spec})");
        }
        if (request.Data is not { } source)
        {
            return request.Prune
                ? throw new SpecException("--prune", "needs --probe-data with an experiment spec (.json): pruning fine-tunes on its training part")
                : null;
        }
        var data = ModelData.Load(source, request.Label);
        if (request.Prune && data.Split is null)
        {
            throw new SpecException("--prune", $"needs --probe-data with an experiment spec (.json) to fine-tune on; {source} has no training part");
        }
        if (data.Samples.FeatureCount != spec.InputDim)
        {
            throw new SpecException("--probe-data", $"the checkpoint {request.Checkpoint} holds a model of {spec.InputDim} inputs ({spec}), but {source} has {data.Samples.FeatureCount} features");
        }
        if (data.Samples.Classes > spec.Classes)
        {
            throw new SpecException("--probe-data", $"the checkpoint {request.Checkpoint} holds a model of {spec.Classes} classes ({spec}), but {source} has {data.Samples.Classes}");
        }
        return data;
    }

    // Runs on one thread: the model and every tensor stay on it.
    private static ModelMeasures Measure(string path, TrainingCheckpoint checkpoint, ModelData? data, bool prune, CancellationToken cancellationToken)
    {
        var spec = checkpoint.Spec;
        using var model = spec.Build();
        try
        {
            Checkpoints.LoadWeights(model, checkpoint.Weights);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            throw new CheckpointFormatException($"the checkpoint's weights do not load into its model {spec}: {e.Message}", e);
        }
        var weights = WeightMeasures.Of(ClassifierTrainer.ExtractWeights(model));
        // The settings of a grid point's final probe, so the numbers compare with the capacity map's.
        var probe = data is null ? null : new LayerProbe(spec, FinalLayers.Options).Probe(model, data.Samples, cancellationToken);
        var pruning = prune && data?.Split is { } split && model is Mlp mlp ? MagnitudePruning.Measure(mlp, split, cancellationToken: cancellationToken) : null;
        return new ModelMeasures(path, $"{spec}", checkpoint.Epoch, checkpoint.SpecHash, TrainingMetrics.Of(checkpoint.Metrics),
            weights, data?.Description, probe, pruning);
    }

    private sealed record Request(string Checkpoint, string? Data, string? Label, bool Prune, bool Json);
}

using System.Text.Json;
using System.CommandLine;
using CapacityGrid.Analysis.Training;

namespace CapacityGrid.Client.Cli;

/// <summary>
/// <c>capgrid export &lt;checkpoint&gt; --from-file --out weights.safetensors</c>: writes a grid point's weights from
/// one of its checkpoints as safetensors. Only local files are read so far; a blob source (experiment id and
/// blob name in the cluster's storage) plugs in at <see cref="OpenSource"/>.
/// </summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "The checkpoint: a local file with --from-file (a blob in the cluster's storage is not supported yet)" };
        var fromFile = new Option<bool>("--from-file") { Description = "Read the checkpoint from a local file (e.g. a downloaded epoch-NNNN.ckpt blob)" };
        var outPath = new Option<FileInfo>("--out") { Description = "The safetensors file to write", DefaultValueFactory = _ => new FileInfo("weights.safetensors") };
        var json = new Option<bool>("--json") { Description = "Print what was written (file, model, epoch, parameters) as JSON" };
        var command = new Command("export", "Write a checkpoint's weights as safetensors (fc1.weight, fc1.bias, ..., out.weight, out.bias)")
        {
            checkpoint, fromFile, outPath, json,
        };
        command.SetAction((parse, cancellationToken) => ExportAsync(
            parse.GetValue(checkpoint)!, parse.GetValue(fromFile), parse.GetValue(outPath)!, parse.GetValue(json), output, error, cancellationToken));
        return command;
    }

    private static async Task<int> ExportAsync(string checkpoint, bool fromFile, FileInfo outPath, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var source = OpenSource(checkpoint, fromFile);
        if (source.Problem is { } problem)
        {
            await error.WriteLineAsync($"capgrid: {checkpoint}: {problem}");
            return ExitCodes.BadInput;
        }
        var payload = await source.Read!(cancellationToken);

        // Write beside the target and move at the end, so a refused checkpoint leaves no partial file.
        var temporary = outPath.FullName + ".partial";
        try
        {
            TrainingCheckpoint read;
            await using (var file = File.Create(temporary))
            {
                read = CheckpointExport.ToSafetensors(payload, file);
            }
            File.Move(temporary, outPath.FullName, overwrite: true);
            await output.WriteLineAsync(json
                ? JsonSerializer.Serialize(new { file = outPath.FullName, model = read.Spec.ToString(), epoch = read.Epoch, parameters = read.Spec.ParameterCount }, Output.JsonOutput.Options)
                : $"{outPath.FullName}: model {read.Spec}, epoch {read.Epoch}, {read.Spec.ParameterCount} parameters");
            return ExitCodes.Success;
        }
        catch (CheckpointFormatException e)
        {
            await error.WriteLineAsync($"capgrid: {checkpoint}: {e.Message}");
            return ExitCodes.BadInput;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // Where a checkpoint's bytes come from. A blob source (the cluster's CheckpointStore, which checks the
    // SHA-256) is the next case here, once the CLI can reach a cluster's storage.
    private static (Func<CancellationToken, Task<byte[]>>? Read, string? Problem) OpenSource(string checkpoint, bool fromFile)
    {
        if (!fromFile)
        {
            return (null, "reading checkpoints from the cluster's storage is not supported yet; download the blob and pass --from-file");
        }
        if (!File.Exists(checkpoint))
        {
            return (null, "file not found");
        }
        return (token => File.ReadAllBytesAsync(checkpoint, token), null);
    }
}

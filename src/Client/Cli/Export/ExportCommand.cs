using System.CommandLine;
using System.Text.Json;
using CapacityGrid.Analysis.Training.Checkpointing;

namespace CapacityGrid.Client.Cli.Export;

/// <summary>
/// <c>capgrid export &lt;experiment-id&gt; &lt;point-id&gt; [--epoch N] [--out f.safetensors]</c>: writes a grid point's
/// weights from its checkpoint in the experiment's blob container (hash-checked) as safetensors;
/// <c>capgrid export &lt;file&gt; --from-file</c> reads a downloaded checkpoint instead.
/// </summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var source = new CheckpointArguments(global, fileWithoutFlag: false);
        var outPath = new Option<FileInfo>("--out") { Description = "The safetensors file to write", DefaultValueFactory = _ => new FileInfo("weights.safetensors") };
        var json = new Option<bool>("--json") { Description = "Print what was written (file, model, epoch, parameters) as JSON" };
        var command = new Command("export", "Write a point's weights from its stored checkpoint as safetensors (fc1.weight, fc1.bias, ..., out.weight, out.bias)")
        {
            outPath, json,
        };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (payload, name, exitCode) = await source.ReadAsync(parse, error, cancellationToken);
            return payload is null ? exitCode : await WriteAsync(payload, name, parse.GetValue(outPath)!, parse.GetValue(json), output, error);
        });
        return command;
    }

    private static async Task<int> WriteAsync(byte[] payload, string name, FileInfo outPath, bool json, TextWriter output, TextWriter error)
    {
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
            await error.WriteLineAsync($"capgrid: {name}: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"capgrid: --out {outPath.FullName}: {e.Message}");
            return ExitCodes.BadInput;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CapacityGrid.Client.Output;

namespace CapacityGrid.Client.Cli.Export;

/// <summary>
/// <c>capgrid checkpoints &lt;experiment-id&gt; [&lt;point-id&gt;] [--json]</c>: what an experiment's blob container holds,
/// a line per point (its epochs, bytes and when it was last written), or with <c>--json</c> every checkpoint.
/// </summary>
public static class CheckpointsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var experiment = new Argument<string>("experiment-id") { Description = "The experiment" };
        var point = new Argument<string?>("point-id") { Description = "Only this point", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Every stored checkpoint as JSON: pointId, epoch, blob, bytes, written" };
        var command = new Command("checkpoints", "List the checkpoints an experiment has in storage: points, epochs, bytes, time") { experiment, point, json };
        command.SetAction((parse, cancellationToken) => ListAsync(
            global, parse, parse.GetValue(experiment)!, parse.GetValue(point), parse.GetValue(json), output, error, cancellationToken));
        return command;
    }

    private static async Task<int> ListAsync(GlobalOptions global, ParseResult parse, string experimentId, string? pointId, bool json,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await using var storage = await CheckpointStorage.OpenAsync(global.Read(parse), message => error.WriteLine($"capgrid: {message}"), cancellationToken);
            if (!await storage.Store.HasExperimentAsync(experimentId, cancellationToken))
            {
                await error.WriteLineAsync($"capgrid: experiment '{experimentId}' has no checkpoints in this storage (unknown id, or no point has finished an epoch yet; `capgrid list` shows the ids)");
                return ExitCodes.BadInput;
            }
            var stored = await storage.Store.ListStoredAsync(experimentId, pointId, cancellationToken);
            if (pointId is not null && stored.Count == 0)
            {
                await error.WriteLineAsync($"capgrid: point '{pointId}' has no checkpoints in experiment '{experimentId}' (`capgrid checkpoints {experimentId}` lists the points)");
                return ExitCodes.BadInput;
            }
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(
                    stored.Select(c => new { pointId = c.PointId, epoch = c.Epoch, blob = c.BlobName, bytes = c.Bytes, written = c.Written }), JsonOutput.Options));
                return ExitCodes.Success;
            }
            await WriteTableAsync(experimentId, stored, output);
            return ExitCodes.Success;
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            return await StorageFailure.ReportAsync(e, error);
        }
    }

    private static async Task WriteTableAsync(string experimentId, IReadOnlyList<Grains.Checkpoints.StoredCheckpoint> stored, TextWriter output)
    {
        var points = stored.GroupBy(c => c.PointId).ToList();
        await output.WriteLineAsync($"experiment {experimentId}: {stored.Count} checkpoints of {points.Count} points, {stored.Sum(c => c.Bytes):N0} bytes");
        await output.WriteLineAsync($"{"point",-24}  {"epochs",-12}  {"bytes",12}  last written (UTC)");
        foreach (var group in points)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key,-24}  {CheckpointStorage.EpochRanges(group.Select(c => c.Epoch)),-12}  {group.Sum(c => c.Bytes),12:N0}  {group.Max(c => c.Written).UtcDateTime:yyyy-MM-dd HH:mm:ss}"));
        }
    }
}

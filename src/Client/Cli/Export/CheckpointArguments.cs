using System.CommandLine;
using CapacityGrid.Client.Connection;

namespace CapacityGrid.Client.Cli.Export;

/// <summary>
/// How <c>export</c> and <c>measure model</c> name a checkpoint: <c>&lt;experiment-id&gt; &lt;point-id&gt; [--epoch N]</c>
/// in the experiment's blob container, or <c>&lt;file&gt; --from-file</c> (a downloaded blob).
/// </summary>
internal sealed class CheckpointArguments
{
    private readonly GlobalOptions _global;
    private readonly bool _fileWithoutFlag;

    /// <param name="global">Where storage is.</param>
    /// <param name="fileWithoutFlag">Whether a lone argument that names a file (one that exists, a path or a .ckpt
    /// name) is read as one without <c>--from-file</c> (measure model took files before it took ids).</param>
    public CheckpointArguments(GlobalOptions global, bool fileWithoutFlag)
    {
        _global = global;
        _fileWithoutFlag = fileWithoutFlag;
    }

    /// <summary>The experiment id, or the checkpoint file with <c>--from-file</c>.</summary>
    public Argument<string> Source { get; } = new("experiment-id") { Description = "The experiment whose checkpoint to read (or, with --from-file, a checkpoint file)" };

    /// <summary>The point id.</summary>
    public Argument<string?> Point { get; } = new("point-id") { Description = "The grid point (`capgrid checkpoints <experiment-id>` lists them)", Arity = ArgumentArity.ZeroOrOne };

    /// <summary>The epoch.</summary>
    public Option<int?> Epoch { get; } = new("--epoch") { Description = "The epoch's checkpoint (default: the newest stored)" };

    /// <summary>Read a local file instead.</summary>
    public Option<bool> FromFile { get; } = new("--from-file") { Description = "Read the checkpoint from a local file (e.g. a downloaded epoch-NNNN.ckpt blob) instead of storage" };

    /// <summary>Adds the arguments and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Source);
        command.Arguments.Add(Point);
        command.Options.Add(Epoch);
        command.Options.Add(FromFile);
    }

    /// <summary>
    /// The checkpoint's bytes and a name for it, or the exit code after one line on <paramref name="error"/>
    /// (2 for what the user named wrongly, 3 when storage cannot be reached).
    /// </summary>
    public async Task<(byte[]? Payload, string Name, int ExitCode)> ReadAsync(ParseResult parse, TextWriter error, CancellationToken cancellationToken)
    {
        var source = parse.GetValue(Source)!;
        var point = parse.GetValue(Point);
        var epoch = parse.GetValue(Epoch);
        var fromFile = parse.GetValue(FromFile) || (_fileWithoutFlag && point is null && LooksLikeAFile(source));
        if (fromFile)
        {
            if (point is not null || epoch is not null)
            {
                return await Fail(error, $"{(point is not null ? "point-id" : "--epoch")}: a checkpoint file holds one epoch of one point; drop it, or drop --from-file to read from storage");
            }
            return File.Exists(source)
                ? (await File.ReadAllBytesAsync(source, cancellationToken), source, ExitCodes.Success)
                : await Fail(error, $"{source}: file not found");
        }
        if (point is null)
        {
            return await Fail(error, $"{source}: name a point too (`capgrid checkpoints {source}` lists them), or pass --from-file for a checkpoint file");
        }
        if (epoch is < 1)
        {
            return await Fail(error, $"--epoch: must be at least 1 (got {epoch})");
        }
        try
        {
            await using var storage = await CheckpointStorage.OpenAsync(_global.ReadStorage(parse), message => error.WriteLine($"capgrid: {message}"), cancellationToken);
            var (checkpoint, payload, problem) = await storage.ReadAsync(source, point, epoch, cancellationToken);
            return problem is not null
                ? await Fail(error, problem)
                : (payload, $"{source}/{point} epoch {checkpoint!.Epoch}", ExitCodes.Success);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            return (null, source, await StorageFailure.ReportAsync(e, error));
        }
    }

    // Experiment ids are a-z, 0-9 and '-': a path or a .ckpt name is a file.
    private static bool LooksLikeAFile(string source) =>
        File.Exists(source) || source.Contains('/', StringComparison.Ordinal) || source.EndsWith(".ckpt", StringComparison.Ordinal);

    private static async Task<(byte[]?, string, int)> Fail(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"capgrid: {problem}");
        return (null, "", ExitCodes.BadInput);
    }
}

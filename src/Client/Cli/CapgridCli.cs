using System.CommandLine;
using CapacityGrid.ServiceDefaults;

namespace CapacityGrid.Client.Cli;

/// <summary>The <c>capgrid</c> command line: parses arguments and runs the chosen command.</summary>
public static class CapgridCli
{
    /// <summary>Runs the CLI with <paramref name="args"/>; results go to <paramref name="output"/>, progress and errors to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("CapacityGrid: how big should my network be, and which layer is holding it back?")
        {
            Experiments.RunCommand.Create(global, output, error),
            Experiments.RunCommand.Create(global, output, error, follow: false),
            Experiments.ExperimentCommands.Watch(global, output, error),
            Experiments.ExperimentCommands.Status(global, output, error),
            Experiments.ExperimentCommands.List(global, output, error),
            Experiments.ExperimentCommands.Resume(global, output, error),
            Experiments.ExperimentCommands.Cancel(global, output, error),
            Measure.MeasureCommand.Create(global, output, error),
            Recommend.RecommendCommand.Create(output, error),
            Export.ExportCommand.Create(global, output, error),
            Export.CheckpointsCommand.Create(global, output, error),
            ReportCommand.Create(global, output, error),
            Relate.RelateCommand.Create(output, error),
            SiloCommand.Create(global, output, error),
        };
        // Local-only commands read files on this machine and never reach a cluster (measure model adds where
        // storage is itself: it reads stored checkpoints).
        global.AddTo(root.Subcommands.Where(c => c.Name is not ("measure" or "recommend" or "relate")));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await error.WriteLineAsync($"capgrid: {ParseErrors.Describe(parse)} (see 'capgrid --help')");
            return ExitCodes.BadInput;
        }
        try
        {
            // Ctrl-C is the caller's (see Interrupts): System.CommandLine's own handler would end the process before
            // the silo stops. Exceptions come here (not to System.CommandLine's handler, which prints a stack trace with whatever
            // secrets its messages hold).
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellationToken);
        }
        catch (ExperimentInterruptedException e) when (cancellationToken.IsCancellationRequested)
        {
            // Printed last, after the embedded silo and Azurite have stopped.
            await error.WriteLineAsync($"capgrid: {e.Hint}");
            return ExitCodes.Cancelled;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("capgrid: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (OrleansException e)
        {
            // The cluster failed us after retries: one line, not a stack trace.
            await error.WriteLineAsync($"capgrid: cluster: {e.GetType().Name}: {SecretRedaction.Redact(e.Message.Split('\n')[0])}");
            return ExitCodes.Unavailable;
        }
        catch (Azure.RequestFailedException e)
        {
            // Storage refused a request (a wrong key, a missing permission): one line, without the request's URI.
            await error.WriteLineAsync($"capgrid: storage: request failed with status {e.Status} ({e.ErrorCode ?? "no error code"}); check the connection string's account key or SAS token");
            return ExitCodes.Unavailable;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else is a bug: one line (secrets removed) and the exit code System.CommandLine's handler gave.
            await error.WriteLineAsync($"capgrid: unexpected error: {e.GetType().Name}: {SecretRedaction.Redact(e.Message.ReplaceLineEndings(" "))}");
            return 1;
        }
    }
}

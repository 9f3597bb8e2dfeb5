using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace CapacityGrid.Bench.Faults;

/// <summary>The real capgrid executable (beside this benchmark) run against a <see cref="LocalCluster"/>.</summary>
public sealed class Capgrid(LocalCluster cluster)
{
    /// <summary>Starts <c>capgrid args...</c> in the background (e.g. a <c>watch</c> that a fault may kill).</summary>
    public Running Start(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "capgrid"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args.Concat(cluster.CliArgs))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        return new Running(process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }

    /// <summary>Runs <c>capgrid args...</c> to its end (at most 10 minutes).</summary>
    public Task<Result> RunAsync(params string[] args) => Start(args).WaitAsync(TimeSpan.FromMinutes(10));

    /// <summary>The experiment's <c>status --json</c>, or null while the cluster does not answer.</summary>
    public async Task<JsonElement?> StatusAsync(string id)
    {
        var status = await Start(["status", id, "--json", "--connect-timeout", "10"]).WaitAsync(TimeSpan.FromMinutes(4));
        return status.ExitCode == 0 ? JsonDocument.Parse(status.Output).RootElement.Clone() : null;
    }

    /// <summary>Waits until the experiment reports at least <paramref name="epochs"/> epochs done.</summary>
    public async Task WaitForEpochsAsync(string id, int epochs)
    {
        var deadline = Stopwatch.StartNew();
        while ((await StatusAsync(id))?.GetProperty("epochsDone").GetInt32() is not { } done || done < epochs)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"experiment {id} did not reach {epochs} epochs within 5 minutes");
            }
            await Task.Delay(500);
        }
    }

    /// <summary>A capgrid process that runs.</summary>
    public sealed record Running(Process Process, Task<string> Output, Task<string> Error)
    {
        /// <summary>Waits for the end, killing the process after <paramref name="timeout"/>.</summary>
        public async Task<Result> WaitAsync(TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await Process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
                return new Result(-1, await Output, await Error + $"{Environment.NewLine}(killed after {timeout.TotalMinutes:0} minutes)");
            }
            return new Result(Process.ExitCode, await Output, await Error);
        }

        /// <summary>Kills the process (SIGKILL) and waits for it.</summary>
        public void Kill()
        {
            Process.Kill();
            Process.WaitForExit();
        }
    }

    /// <summary>How a capgrid process ended.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>The last lines of stderr, for a report.</summary>
        public string Tail => string.Join(" | ", Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));

        /// <inheritdoc />
        public override string ToString() => new StringBuilder($"exit {ExitCode}: ").Append(Tail).ToString();
    }
}

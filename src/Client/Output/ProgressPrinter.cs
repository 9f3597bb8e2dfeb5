using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Output;

/// <summary>Prints an experiment's progress when it changes, at most every <see cref="MinInterval"/>, to a writer (stderr).</summary>
public sealed class ProgressPrinter(TextWriter writer, TimeProvider time)
{
    /// <summary>Shortest time between two progress lines, unless the run ended.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    private string? _last;
    private DateTimeOffset _lastAt = DateTimeOffset.MinValue;

    /// <summary>Prints <paramref name="status"/> if it differs from the last line and enough time passed (always when it is final).</summary>
    public void Report(ExperimentStatus status)
    {
        var line = Format(status);
        var now = time.GetUtcNow();
        var final = status.State == ExperimentState.Completed;
        if (line == _last || (!final && now - _lastAt < MinInterval))
        {
            return;
        }
        writer.WriteLine(line);
        _last = line;
        _lastAt = now;
    }

    /// <summary>One progress line, e.g. <c>points 3/12 ended (2 running, 7 queued, 0 failed) | epochs 17/60</c>.</summary>
    public static string Format(ExperimentStatus s) =>
        $"points {s.Ended}/{s.Total} ended ({s.Running} running, {s.Queued} queued, {s.Failed} failed, {s.Diverged} diverged) | epochs {s.EpochsDone}/{s.EpochsTotal}";
}

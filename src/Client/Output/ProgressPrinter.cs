using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Output;

/// <summary>
/// Prints an experiment's progress to a writer (stderr): on a terminal, two bars (points ended, epochs done) redrawn
/// in place on one line; when redirected, a plain line whenever the progress changes, at most every <see cref="MinInterval"/>.
/// </summary>
public sealed class ProgressPrinter(TextWriter writer, TimeProvider time, bool terminal = false)
{
    /// <summary>Shortest time between two progress lines when redirected, unless the run ended.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    /// <summary>Shortest time between two redraws of the bars on a terminal.</summary>
    public static readonly TimeSpan MinRedraw = TimeSpan.FromMilliseconds(200);

    /// <summary>Characters of each bar.</summary>
    public const int BarWidth = 20;

    private string? _last;
    private DateTimeOffset _lastAt = DateTimeOffset.MinValue;
    private int _drawn;

    /// <summary>A printer for <paramref name="writer"/>: bars when it is this process's stderr on a terminal, lines otherwise.</summary>
    public static ProgressPrinter For(TextWriter writer) =>
        new(writer, TimeProvider.System, terminal: ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>Prints <paramref name="status"/> if it differs from the last output and enough time passed (always when it is final).</summary>
    public void Report(ExperimentStatus status)
    {
        var line = terminal ? Bars(status) : Format(status);
        var now = time.GetUtcNow();
        var final = status.State != ExperimentState.Running;
        if (line == _last || (!final && now - _lastAt < (terminal ? MinRedraw : MinInterval)))
        {
            return;
        }
        if (terminal)
        {
            // Redraw in place; pad over a longer previous line; end the line once the run ended.
            writer.Write("\r" + line.PadRight(_drawn) + (final ? Environment.NewLine : ""));
            _drawn = final ? 0 : line.Length;
        }
        else
        {
            writer.WriteLine(line);
        }
        writer.Flush();
        _last = line;
        _lastAt = now;
    }

    /// <summary>Prints a line of its own: on a terminal above the bars (which the next <see cref="Report"/> redraws), else as a plain line.</summary>
    public void Note(string line)
    {
        if (terminal)
        {
            writer.Write("\r" + line.PadRight(_drawn) + Environment.NewLine);
            _drawn = 0;
            _last = null;
            _lastAt = DateTimeOffset.MinValue;
        }
        else
        {
            writer.WriteLine(line);
        }
        writer.Flush();
    }

    /// <summary>
    /// One progress line, e.g. <c>points 3/12 ended (2 running, 7 waiting, 0 failed, 0 diverged) | epochs 17/60</c>:
    /// running points hold a training slot; waiting ones have not got one yet.
    /// </summary>
    public static string Format(ExperimentStatus s) =>
        $"points {s.Ended}/{s.Total} ended ({s.Running} running, {s.Queued} waiting, {s.Failed} failed, {s.Diverged} diverged) | epochs {s.EpochsDone}/{s.EpochsTotal}";

    /// <summary>The terminal form, e.g. <c>points [#####---------------] 3/12 (2 running, 7 waiting, 0 failed, 0 diverged)  epochs [######--------------] 17/60</c>.</summary>
    public static string Bars(ExperimentStatus s) =>
        $"points {Bar(s.Ended, s.Total)} {s.Ended}/{s.Total} ({s.Running} running, {s.Queued} waiting, {s.Failed} failed, {s.Diverged} diverged)  epochs {Bar(s.EpochsDone, s.EpochsTotal)} {s.EpochsDone}/{s.EpochsTotal}";

    /// <summary>A bar of <see cref="BarWidth"/> characters, <c>#</c> for the done share and <c>-</c> for the rest.</summary>
    public static string Bar(int done, int total)
    {
        var filled = total <= 0 ? 0 : (int)Math.Round(BarWidth * Math.Clamp((double)done / total, 0, 1), MidpointRounding.ToZero);
        return "[" + new string('#', filled) + new string('-', BarWidth - filled) + "]";
    }
}

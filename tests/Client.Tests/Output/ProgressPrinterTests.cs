using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Tests.Output;

public sealed class ProgressPrinterTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static ExperimentStatus Status(int finished, int epochs, ExperimentState state = ExperimentState.Running) =>
        new("e", state, Total: 10, Queued: 10 - finished - (state == ExperimentState.Running ? 1 : 0), Running: state == ExperimentState.Running ? 1 : 0,
            Finished: finished, Failed: 0, Diverged: 0, EpochsDone: epochs, EpochsTotal: 100);

    [Fact]
    public void Report_OnATerminal_RedrawsBarsInPlaceAndEndsTheLineWhenTheRunEnds()
    {
        using var writer = new StringWriter();
        var time = new ManualTime();
        var printer = new ProgressPrinter(writer, time, terminal: true);

        printer.Report(Status(finished: 5, epochs: 50));
        time.Now += TimeSpan.FromSeconds(1);
        printer.Report(Status(finished: 10, epochs: 100, ExperimentState.Completed));

        var text = writer.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.Contains("points [##########----------] 5/10", text);
        Assert.Contains("epochs [####################] 100/100", text);
        Assert.EndsWith(Environment.NewLine, text);
        Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Report_WhenRedirected_PrintsPlainLinesAtMostEveryTwoSecondsButAlwaysTheLast()
    {
        using var writer = new StringWriter();
        var time = new ManualTime();
        var printer = new ProgressPrinter(writer, time);

        printer.Report(Status(finished: 1, epochs: 10));
        time.Now += TimeSpan.FromSeconds(1);
        printer.Report(Status(finished: 2, epochs: 20));
        printer.Report(Status(finished: 10, epochs: 100, ExperimentState.Completed));

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\r', writer.ToString());
        Assert.Equal(["points 1/10 ended", "points 10/10 ended"], lines.Select(l => l[..l.IndexOf(" (", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Note_OnATerminal_PrintsItsLineOverTheBarsAndTheNextReportRedrawsThem()
    {
        using var writer = new StringWriter();
        var time = new ManualTime();
        var printer = new ProgressPrinter(writer, time, terminal: true);

        printer.Report(Status(finished: 5, epochs: 50));
        printer.Note("knee so far: 16");
        printer.Report(Status(finished: 5, epochs: 50));

        var lines = writer.ToString().Split(Environment.NewLine);
        var bars = ProgressPrinter.Bars(Status(finished: 5, epochs: 50));
        // The bars, then the note over them (padded to their length) ending its line, then the bars again.
        Assert.Equal("\r" + bars + "\r" + "knee so far: 16".PadRight(bars.Length), lines[0]);
        Assert.Equal("\r" + bars, lines[1]);
    }

    [Fact]
    public void Note_WhenRedirected_IsAPlainLineBetweenTheProgressLines()
    {
        using var writer = new StringWriter();
        var time = new ManualTime();
        var printer = new ProgressPrinter(writer, time);

        printer.Report(Status(finished: 1, epochs: 10));
        printer.Note("knee so far: 8");
        time.Now += TimeSpan.FromSeconds(3);
        printer.Report(Status(finished: 2, epochs: 20));

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("knee so far: 8", lines[1]);
    }

    [Theory]
    [InlineData(0, 10, "[--------------------]")]
    [InlineData(1, 3, "[######--------------]")]
    [InlineData(3, 3, "[####################]")]
    [InlineData(0, 0, "[--------------------]")]
    public void Bar_OfDoneOverTotal_FillsTheDoneShareRoundedDown(int done, int total, string bar) =>
        Assert.Equal(bar, ProgressPrinter.Bar(done, total));
}

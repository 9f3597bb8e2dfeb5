using System.Globalization;

namespace CapacityGrid.Bench.Faults;

/// <summary>One row of the fault table: what was done, how capgrid ended, and the checks on its map.</summary>
public sealed record FaultOutcome(string Fault, int Count, Capgrid.Result Result, string Note, MapCheck? Check, TimeSpan Time)
{
    /// <summary>The outcome in words: the checks that failed, or that all held.</summary>
    public string Verdict => Check switch
    {
        null => $"no map ({Result})",
        { Passed: true } when Result.ExitCode == 0 => "completed, every check holds",
        var c => string.Join(", ", new[]
        {
            Result.ExitCode != 0 ? $"capgrid exit {Result.ExitCode}" : null,
            c.Completed ? null : "NOT completed",
            c.NothingLost ? null : "results LOST",
            c.NoneCompletedTwice ? null : "a point completed TWICE",
            c.RedoneWithinBound ? null : "too many epochs redone",
            c.EqualToBaseline ? null : $"map DIFFERS (max {c.MaxDifference:g3})",
        }.Where(s => s is not null)),
    };

    /// <summary>A one-line summary.</summary>
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Fault}: {Count} injected; {Verdict}; {Check?.Interruptions} runs restarted, {Check?.EpochsRetrained} checkpointed epochs retrained; {Note}; {Time.TotalSeconds:0} s");

    /// <summary>Prints the table of every fault.</summary>
    public static void Print(TextWriter output, IEnumerable<FaultOutcome> outcomes)
    {
        output.WriteLine();
        output.WriteLine("| fault | count | outcome | runs restarted | epochs redone (retrained + in flight, at most) | map equal (max diff) | time |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var o in outcomes)
        {
            var c = o.Check;
            var redone = c is null ? "-" : $"{c.EpochsRetrained} + {c.Interruptions}";
            var equal = c is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{(c.EqualToBaseline ? "yes" : "NO")} ({c.MaxDifference:g3})");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {o.Fault} | {o.Count} | {o.Verdict}; {o.Note} | {c?.Interruptions} | {redone} | {equal} | {o.Time.TotalSeconds:0} s |"));
        }
    }
}

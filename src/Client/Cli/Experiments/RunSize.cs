using System.Globalization;
using CapacityGrid.Grains.Sizing;

namespace CapacityGrid.Client.Cli.Experiments;

/// <summary>
/// A run's size as <c>run</c> and <c>submit</c> print it (points, epochs, training multiply-adds and, where the rate
/// is known, the time), and whether it is large enough to need <c>--yes</c>.
/// </summary>
/// <param name="Points">Points of the grid as planned (an adaptive search adds more later).</param>
/// <param name="Epochs">Epochs of each point.</param>
/// <param name="MultiplyAdds">Training multiply-adds of every point, or null when the data's shape is not known here.</param>
/// <param name="Time">The estimated time, or null when the machine's rate is not known.</param>
/// <param name="Slots">The slots the time assumes.</param>
/// <param name="Rate">The multiply-adds per second of one slot the time assumes.</param>
public sealed record RunSize(int Points, int Epochs, double? MultiplyAdds, TimeSpan? Time, int Slots, double? Rate)
{
    /// <summary>Points above which a run asks for <c>--yes</c>.</summary>
    public const int PointsWithoutAsking = 10_000;

    /// <summary>Estimated time above which a run asks for <c>--yes</c>.</summary>
    public static readonly TimeSpan TimeWithoutAsking = TimeSpan.FromDays(1);

    /// <summary>The size of <paramref name="estimate"/> on <paramref name="slots"/> slots of <paramref name="rate"/> multiply-adds/s each (null: unknown).</summary>
    public static RunSize Of(GridEstimate estimate, double? rate, int slots)
    {
        var macs = estimate.MultiplyAdds;
        TimeSpan? time = rate is { } r ? TimeSpan.FromSeconds(Math.Min(macs / (r * slots), TimeSpan.MaxValue.TotalSeconds / 2)) : null;
        return new RunSize(estimate.Points.Count, estimate.Epochs, macs, time, slots, rate);
    }

    /// <summary>True when the run is above a threshold: more than <see cref="PointsWithoutAsking"/> points, or over a day.</summary>
    public bool NeedsConfirmation => Points > PointsWithoutAsking || Time > TimeWithoutAsking;

    /// <summary>What is above the threshold, e.g. <c>100,000 points (more than 10,000)</c>.</summary>
    public string Excess => Points > PointsWithoutAsking
        ? string.Create(CultureInfo.InvariantCulture, $"{Points:#,0} points (more than {PointsWithoutAsking:#,0})")
        : $"an estimated {Duration(Time!.Value)} (more than a day)";

    /// <summary>One line: <c>20 points, 15 epochs each, 2.46e9 multiply-adds, about 4 min on 2 slots at 5.00e9/s each</c>.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = string.Create(c, $"{Points:#,0} point{(Points == 1 ? "" : "s")}, {Epochs:#,0} epoch{(Epochs == 1 ? "" : "s")} each");
        if (MultiplyAdds is not { } macs)
        {
            return text + " (multiply-adds: the cluster sizes the data)";
        }
        text += string.Create(c, $", {macs:0.00e0} training multiply-adds");
        return Time is { } time
            ? text + string.Create(c, $", about {Duration(time)} on {Slots} slot{(Slots == 1 ? "" : "s")} at {Rate:0.00e0} multiply-adds/s each")
            : text + " (time: unknown; set Training__MultiplyAddsPerSecond to this machine's rate per slot)";
    }

    private static string Duration(TimeSpan t) => t.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalDays:0.0} days")
        : t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes} min"
        : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min"
        : "under a minute";
}

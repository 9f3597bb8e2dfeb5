using System.Globalization;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Client.Output;

/// <summary>One phase's seconds summed over an experiment's points, and its share of <see cref="PhaseBreakdown.TotalSeconds"/>.</summary>
public sealed record PhaseTotal(string Phase, double Seconds, double Share);

/// <summary>
/// Where an experiment's time went (<c>capgrid status &lt;id&gt; --phases</c>): each phase's seconds summed over the
/// points that recorded any, and its share of <c>TotalSeconds</c>, the sum of the phases a run passes through
/// (slot wait, data load, resume load, training thread, checkpoint writes, reports; training steps, evaluation,
/// layer measures and final measures are parts of the training thread, <c>otherTraining</c> its rest). Checkpoint writes and reports
/// overlap the training thread, so the total can exceed the points' wall time. <c>WallSeconds</c> is the time since
/// the experiment was submitted (null when the registry does not hold it).
/// </summary>
public sealed record PhaseBreakdown(int Points, double TotalSeconds, double? WallSeconds, IReadOnlyList<PhaseTotal> Phases)
{
    /// <summary>Adds up the phases of every point of <paramref name="map"/>.</summary>
    public static PhaseBreakdown Of(CapacityMap map, TimeSpan? sinceSubmitted)
    {
        var recorded = map.Points.Where(p => p.Phases is not null).ToList();
        var sum = recorded.Aggregate(new PhaseSeconds(), (total, p) => total + p.Phases!);
        var other = Math.Max(0, sum.TrainingThread - sum.TrainingSteps - sum.Evaluation - sum.LayerMeasures - sum.FinalMeasures);
        var total = sum.SlotWait + sum.DataLoad + sum.ResumeLoad + sum.TrainingThread + sum.CheckpointWrite + sum.Report;
        (string, double)[] phases =
        [
            ("slotWait", sum.SlotWait), ("dataLoad", sum.DataLoad), ("resumeLoad", sum.ResumeLoad), ("trainingThread", sum.TrainingThread),
            ("trainingSteps", sum.TrainingSteps), ("evaluation", sum.Evaluation), ("layerMeasures", sum.LayerMeasures),
            ("finalMeasures", sum.FinalMeasures), ("otherTraining", other),
            ("checkpointWrite", sum.CheckpointWrite), ("report", sum.Report),
        ];
        return new PhaseBreakdown(
            recorded.Count, total, sinceSubmitted?.TotalSeconds,
            [.. phases.Select(p => new PhaseTotal(p.Item1, p.Item2, total > 0 ? p.Item2 / total : 0))]);
    }

    /// <summary>The breakdown as text: a heading, then one line per phase (the training thread's parts indented).</summary>
    public IReadOnlyList<string> Lines()
    {
        var wall = WallSeconds is { } w ? $"; {w.ToString("0.0", CultureInfo.InvariantCulture)} s wall time since submitted" : "";
        var lines = new List<string>
        {
            $"phases over {Points} point{(Points == 1 ? "" : "s")}: {TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s summed{wall}",
        };
        foreach (var phase in Phases)
        {
            var nested = phase.Phase is "trainingSteps" or "evaluation" or "layerMeasures" or "finalMeasures" or "otherTraining";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {(nested ? "  " : "")}{phase.Phase,-16}{(nested ? "" : "  ")}{phase.Seconds,10:0.00} s {phase.Share * 100,6:0.0} %"));
        }
        return lines;
    }
}

using System.Diagnostics;
using CapacityGrid.Grains.Training;

namespace CapacityGrid.Grains.Tests.Training;

public sealed class PointPhasesTests
{
    // A clock that moves only when told.
    private sealed class ManualTime : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;
    }

    [Fact]
    public void Measure_TwoTimingsOfOnePhase_AddsThemUpAndKeepsPhasesApart()
    {
        var time = new ManualTime();
        var phases = new PointPhases(time);

        using (phases.Measure(PointPhases.CheckpointWrite))
        {
            time.Ticks += TimeSpan.FromMilliseconds(300).Ticks;
        }
        using (phases.Measure(PointPhases.Report))
        {
            time.Ticks += TimeSpan.FromMilliseconds(50).Ticks;
        }
        using (phases.Measure(PointPhases.CheckpointWrite))
        {
            time.Ticks += TimeSpan.FromMilliseconds(200).Ticks;
        }

        Assert.Equal(TimeSpan.FromMilliseconds(500), phases.Totals[PointPhases.CheckpointWrite]);
        Assert.Equal(TimeSpan.FromMilliseconds(50), phases.Totals[PointPhases.Report]);
        Assert.False(phases.Totals.ContainsKey(PointPhases.SlotWait));
    }

    [Fact]
    public void Tag_SetsEachPhaseInSecondsOnTheSpan()
    {
        var time = new ManualTime();
        var phases = new PointPhases(time);
        phases.Add(PointPhases.SlotWait, TimeSpan.FromSeconds(1.5));
        phases.Add(PointPhases.Training, TimeSpan.FromSeconds(4));
        using var activity = new Activity("grid-point");

        phases.Tag(activity);

        Assert.Equal(1.5, activity.GetTagItem("capgrid.phase.slot_wait_s"));
        Assert.Equal(4.0, activity.GetTagItem("capgrid.phase.training_s"));
        Assert.Null(activity.GetTagItem("capgrid.phase.report_s"));
    }
}

using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Training;

namespace CapacityGrid.Grains.Tests.Training;

public sealed class TrainerStateTests
{
    [Fact]
    public void RecordPhases_ReportsOfOneRun_KeepTheLatestAndANewRunAddsToTheEarlierOnes()
    {
        var state = new TrainerState();

        state.RecordPhases(new PhaseSeconds(SlotWait: 1, TrainingSteps: 2), attempt: 1);
        state.RecordPhases(new PhaseSeconds(SlotWait: 1, TrainingSteps: 5, Report: 0.5), attempt: 1);
        state.RecordPhases(new PhaseSeconds(ResumeLoad: 0.25, TrainingSteps: 3), attempt: 2);

        // The first run's last report (its phases so far) plus the second run's.
        Assert.Equal(new PhaseSeconds(SlotWait: 1, ResumeLoad: 0.25, TrainingSteps: 8, Report: 0.5), state.TotalPhases());
    }
}

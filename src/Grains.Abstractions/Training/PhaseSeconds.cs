namespace CapacityGrid.Grains.Abstractions.Training;

/// <summary>
/// Where a grid point's time went, in seconds per phase, summed over its training runs (issue #16). The run's
/// phases before training (<c>SlotWait</c>, <c>DataLoad</c>, <c>ResumeLoad</c>) and <c>TrainingThread</c> follow one
/// another; <c>TrainingSteps</c>, <c>Evaluation</c>, <c>LayerMeasures</c> (per epoch) and <c>FinalMeasures</c> (the
/// final model's weight and layer measures) are parts of the training thread (for a
/// point trained in a stack with others, its share of the stack's time); <c>CheckpointWrite</c> and <c>Report</c>
/// run beside the training thread, so the phases need not add up to the wall time. <c>TrainingThread</c> of a run
/// that was interrupted is missing (it is known when the thread ends); its steps, evaluations and layer measures are
/// counted up to its last reported epoch.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.phase-seconds")]
public sealed record PhaseSeconds(
    [property: Id(0)] double SlotWait = 0,
    [property: Id(1)] double DataLoad = 0,
    [property: Id(2)] double ResumeLoad = 0,
    [property: Id(3)] double TrainingThread = 0,
    [property: Id(4)] double TrainingSteps = 0,
    [property: Id(5)] double Evaluation = 0,
    [property: Id(6)] double LayerMeasures = 0,
    [property: Id(7)] double CheckpointWrite = 0,
    [property: Id(8)] double Report = 0,
    [property: Id(9)] double FinalMeasures = 0)
{
    /// <summary>Each phase's time as (name, seconds), in the order the phases come in a run.</summary>
    public IReadOnlyList<(string Phase, double Seconds)> Named() =>
    [
        ("slotWait", SlotWait), ("dataLoad", DataLoad), ("resumeLoad", ResumeLoad), ("trainingThread", TrainingThread),
        ("trainingSteps", TrainingSteps), ("evaluation", Evaluation), ("layerMeasures", LayerMeasures),
        ("finalMeasures", FinalMeasures), ("checkpointWrite", CheckpointWrite), ("report", Report),
    ];

    /// <summary>Phase by phase, the sum of both.</summary>
    public static PhaseSeconds operator +(PhaseSeconds a, PhaseSeconds b) => new(
        a.SlotWait + b.SlotWait, a.DataLoad + b.DataLoad, a.ResumeLoad + b.ResumeLoad, a.TrainingThread + b.TrainingThread,
        a.TrainingSteps + b.TrainingSteps, a.Evaluation + b.Evaluation, a.LayerMeasures + b.LayerMeasures,
        a.CheckpointWrite + b.CheckpointWrite, a.Report + b.Report, a.FinalMeasures + b.FinalMeasures);
}

namespace CapacityGrid.Analysis.Capacity.Law;

/// <summary>What <c>relate</c> prints with <c>--json</c> and writes to <c>--law</c>.</summary>
/// <param name="Capacity">The knee's capacity fitted.</param>
/// <param name="Experiments">The experiments, with their knee and grid step.</param>
/// <param name="Fits">One fit per dataset estimate, best leave-one-out error first.</param>
public sealed record LawReport(string Capacity, IReadOnlyList<LawExperiment> Experiments, IReadOnlyList<LawFit> Fits);

/// <summary>One experiment of a <see cref="LawReport"/>.</summary>
/// <param name="Experiment">Its id.</param>
/// <param name="Dataset">Its dataset's description.</param>
/// <param name="Knee">Its knee's capacity.</param>
/// <param name="StepFactor">Its grid's capacity step at the knee.</param>
public sealed record LawExperiment(string Experiment, string Dataset, double Knee, double StepFactor);

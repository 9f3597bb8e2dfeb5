namespace CapacityGrid.Analysis.Capacity.Law;

/// <summary>One experiment's knee and its dataset's estimates, as the capacity law relates them.</summary>
/// <param name="Experiment">The experiment id.</param>
/// <param name="Dataset">The dataset it trained on (its description).</param>
/// <param name="Capacity">The knee's capacity: parameters or architecture bits.</param>
/// <param name="StepFactor">How much the capacity grows per width step of the experiment's grid at the knee (e.g. 2 for
/// a one-hidden-layer line of doubling widths); errors are counted in these steps.</param>
/// <param name="Estimates">The dataset's estimates by name (bits, or the intrinsic dimension), positive and finite.</param>
public sealed record LawObservation(string Experiment, string Dataset, double Capacity, double StepFactor, IReadOnlyDictionary<string, double> Estimates);

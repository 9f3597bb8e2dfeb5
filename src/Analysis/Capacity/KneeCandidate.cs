namespace CapacityGrid.Analysis.Capacity;

/// <summary>One configuration of a grid as the knee rule sees it: its size and its test accuracy across seeds.</summary>
/// <param name="Key">The configuration's name, e.g. its hidden widths "64-32".</param>
/// <param name="Size">The capacity the knee minimises, e.g. the parameter count.</param>
/// <param name="MeanAccuracy">Mean test accuracy across seeds, in [0, 1].</param>
/// <param name="StdAccuracy">Sample standard deviation of test accuracy across seeds (0 for one seed).</param>
/// <param name="Seeds">How many finished seeds the mean is over.</param>
public sealed record KneeCandidate(string Key, double Size, double MeanAccuracy, double StdAccuracy, int Seeds);

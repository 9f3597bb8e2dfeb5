namespace CapacityGrid.Analysis.Capacity;

/// <summary>The grid's knee over parameter count, the best configuration's accuracy, the tolerance, and the capacity ratios.</summary>
public sealed record KneeFinding(ConfigurationStats Configuration, ConfigurationStats Best, double Tolerance, IReadOnlyList<CapacityRatioValue> Ratios);

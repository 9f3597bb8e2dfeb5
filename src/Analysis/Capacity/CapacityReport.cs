namespace CapacityGrid.Analysis.Capacity;

/// <summary>What <see cref="CapacityAnalyzer"/> found: the configurations, the knee, the layer verdicts and notes.</summary>
/// <param name="Configurations">Every shape with at least one finished point, smallest first.</param>
/// <param name="Knee">The knee over parameter count (null without configurations).</param>
/// <param name="Verdicts">Layer verdicts: bottlenecks first, valid before thin, smaller configurations first.</param>
/// <param name="Notes">What was skipped and why (absent dataset estimates, unfinished points, ...).</param>
public sealed record CapacityReport(
    IReadOnlyList<ConfigurationStats> Configurations,
    KneeFinding? Knee,
    IReadOnlyList<LayerFinding> Verdicts,
    IReadOnlyList<string> Notes);

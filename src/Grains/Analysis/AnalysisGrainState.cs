using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Analysis;

/// <summary>What the experiment handed its analysis grain, kept so the map builds after a restart without asking it again.</summary>
[GenerateSerializer, Alias("capacitygrid.analysis-grain-state")]
public sealed class AnalysisGrainState
{
    /// <summary>The experiment's spec; null until the experiment handed it.</summary>
    [Id(0)] public ExperimentSpec? Spec { get; set; }

    /// <summary>Every point the experiment had when it last handed them, in grid order.</summary>
    [Id(1)] public List<GridPoint> Points { get; set; } = [];
}

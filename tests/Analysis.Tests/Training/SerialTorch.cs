namespace CapacityGrid.Analysis.Tests.Training;

/// <summary>
/// Tests that change torch's process-wide thread count, or need it steady, run alone in this collection
/// so no parallel test changes the setting under them.
/// </summary>
[CollectionDefinition(nameof(SerialTorch), DisableParallelization = true)]
public sealed class SerialTorch;

namespace CapacityGrid.Grains.Tests.Fixtures;

/// <summary>
/// Tests that run with no other test of this assembly at once: their sweeps would show in the other tests'
/// process-wide meters (and others' load would skew their timing).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "alone";
}

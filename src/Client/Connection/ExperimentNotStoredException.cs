namespace CapacityGrid.Client.Connection;

/// <summary>Storage holds no experiment of the id asked for (found by a direct read, before any silo started).</summary>
public sealed class ExperimentNotStoredException(string experimentId) : Exception($"no experiment '{experimentId}' in this storage")
{
    /// <summary>The id asked for.</summary>
    public string ExperimentId { get; } = experimentId;
}

namespace CapacityGrid.Client.Connection;

/// <summary>Where the CLI finds the grid: an embedded silo (no cluster id) or a running cluster.</summary>
/// <param name="Storage">Azure Storage connection string (grain state, checkpoints; cluster membership for a cluster).</param>
/// <param name="DataFolder">Folder for Azurite's data when the CLI starts it.</param>
/// <param name="Cluster">Cluster id of running silos to connect to; null hosts a silo in this process.</param>
/// <param name="ServiceId">The service id the silos run under.</param>
/// <param name="Slots">Training slots of the embedded silo (null: its default).</param>
/// <param name="Verbose">Show Orleans' logs.</param>
/// <param name="ConnectTimeout">How long connecting to a cluster may take before it counts as unreachable.</param>
public sealed record ConnectionOptions(string Storage, string DataFolder, string? Cluster, string ServiceId, int? Slots, bool Verbose, TimeSpan? ConnectTimeout = null);

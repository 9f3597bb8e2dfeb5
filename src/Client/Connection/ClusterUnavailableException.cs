namespace CapacityGrid.Client.Connection;

/// <summary>No silo of the named cluster could be reached; the message says what was tried.</summary>
public sealed class ClusterUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

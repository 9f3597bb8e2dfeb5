namespace CapacityGrid.Silo.Storage;

/// <summary>Azurite is needed but cannot be found or started; the message says how to fix it.</summary>
public sealed class AzuriteUnavailableException(string message) : Exception(message);

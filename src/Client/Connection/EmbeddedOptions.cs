namespace CapacityGrid.Client.Connection;

/// <summary>How to host the embedded silo.</summary>
/// <param name="ConnectionString">Azure Storage connection string; Azurite is started when it is local and silent.</param>
/// <param name="DataFolder">Folder for Azurite's data and other run files.</param>
/// <param name="Slots">Points trained at once (null: the silo default).</param>
/// <param name="Verbose">Show the silo's informational logs.</param>
public sealed record EmbeddedOptions(string ConnectionString, string DataFolder, int? Slots, bool Verbose);

namespace CapacityGrid.Grains.Storage;

/// <summary>Names of the Orleans storage providers and blob containers the grains use.</summary>
public static class StorageNames
{
    /// <summary>The grain-state provider (Azure Blob Storage).</summary>
    public const string GrainState = "capgrid";

    /// <summary>The blob container of an experiment's checkpoints.</summary>
    public static string CheckpointContainer(string experimentId) => $"cg-{experimentId}";
}

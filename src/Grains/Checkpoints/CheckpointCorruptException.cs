namespace CapacityGrid.Grains.Checkpoints;

/// <summary>A checkpoint whose payload does not match the SHA-256 stored with it, or that is not ours.</summary>
public sealed class CheckpointCorruptException(string blob, string problem) : Exception($"checkpoint {blob}: {problem}")
{
    /// <summary>The blob at fault.</summary>
    public string Blob { get; } = blob;
}

namespace CapacityGrid.Grains.Training;

/// <summary>The last checkpointed epoch of a point whose training was interrupted.</summary>
public sealed record ResumeFrom(int Epoch, string CheckpointBlob);

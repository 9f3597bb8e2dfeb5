namespace CapacityGrid.Grains.Training;

/// <summary>A checkpointed epoch a point whose training was interrupted can resume from.</summary>
public sealed record ResumeFrom(int Epoch, string CheckpointBlob);

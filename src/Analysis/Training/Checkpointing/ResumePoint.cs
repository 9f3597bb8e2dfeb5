namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>Where to pick a run up again: the last completed epoch and its checkpoint payload.</summary>
public sealed record ResumePoint(int Epoch, byte[] Checkpoint);

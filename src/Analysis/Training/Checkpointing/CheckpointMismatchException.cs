namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>A checkpoint was made by a run with another model spec or other training options than the run asking to resume from it.</summary>
public sealed class CheckpointMismatchException(string message) : Exception(message);

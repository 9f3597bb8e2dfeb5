namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>A payload is not a checkpoint of ours, has a format version this build cannot read, or is cut short.</summary>
public sealed class CheckpointFormatException(string message, Exception? inner = null) : Exception(message, inner);

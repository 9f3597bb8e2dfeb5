namespace CapacityGrid.Grains.Checkpoints;

/// <summary>One checkpoint blob of an experiment, as storage lists it.</summary>
/// <param name="PointId">The grid point.</param>
/// <param name="Epoch">The epoch after which it was written.</param>
/// <param name="BlobName">Its blob name in the experiment's container.</param>
/// <param name="Bytes">The payload's size.</param>
/// <param name="Written">When storage last wrote it.</param>
public sealed record StoredCheckpoint(string PointId, int Epoch, string BlobName, long Bytes, DateTimeOffset Written);

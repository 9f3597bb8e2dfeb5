namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>
/// The first field of every optimizer state, single-model or a stack's slot: the optimizer's word
/// (<see cref="OptimizerKinds.Name"/>, <c>adam</c> or <c>sgd</c>) as <see cref="BinaryWriter.Write(string)"/> writes it.
/// Checkpoints hold these bytes, so the words must not change.
/// </summary>
internal static class OptimizerStateTag
{
    /// <summary>Writes <paramref name="kind"/>'s word.</summary>
    public static void Write(BinaryWriter writer, OptimizerKind kind) => writer.Write(OptimizerKinds.Name(kind));

    /// <summary>Reads the word and throws unless it is <paramref name="kind"/>'s.</summary>
    /// <exception cref="InvalidDataException">The state was written by another optimizer.</exception>
    public static void Expect(BinaryReader reader, OptimizerKind kind)
    {
        if (reader.ReadString() != OptimizerKinds.Name(kind))
        {
            throw new InvalidDataException(kind switch
            {
                OptimizerKind.Adam => "optimizer state is not Adam's",
                OptimizerKind.Sgd => "optimizer state is not SGD's",
                _ => $"optimizer state is not {kind}'s",
            });
        }
    }
}

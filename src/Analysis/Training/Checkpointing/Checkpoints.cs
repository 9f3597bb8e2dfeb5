using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>Serialises a model's weights to bytes (TorchSharp's state format) and back.</summary>
public static class Checkpoints
{
    /// <summary>The model's parameters as a byte payload.</summary>
    public static byte[] SaveWeights(ClassifierModel model)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.save(writer);
        }
        return memory.ToArray();
    }

    /// <summary>
    /// Loads weights into a model of the same shape: a payload made by <see cref="SaveWeights"/>, or a whole
    /// training checkpoint (<see cref="CheckpointFormat"/>), whose weights are taken.
    /// </summary>
    public static void LoadWeights(ClassifierModel model, byte[] payload)
    {
        if (CheckpointFormat.IsCheckpoint(payload))
        {
            payload = CheckpointFormat.Read(payload).Weights;
        }
        using var memory = new MemoryStream(payload, writable: false);
        using var reader = new BinaryReader(memory);
        model.load(reader);
    }
}

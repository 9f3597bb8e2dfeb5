using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>Turns a checkpoint payload into files other tools read.</summary>
public static class CheckpointExport
{
    /// <summary>
    /// Writes the checkpoint's weights to <paramref name="output"/> as safetensors (see <see cref="SafetensorsWriter"/>),
    /// with the model, epoch and spec hash in its metadata; returns the checkpoint it read.
    /// </summary>
    /// <exception cref="CheckpointFormatException">The payload is not a checkpoint of this format and version, or its weights do not fit its model.</exception>
    public static TrainingCheckpoint ToSafetensors(byte[] payload, Stream output)
    {
        var checkpoint = CheckpointFormat.Read(payload);
        using var scope = NewDisposeScope();
        using var model = checkpoint.Spec.Build();
        try
        {
            Checkpoints.LoadWeights(model, checkpoint.Weights);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            throw new CheckpointFormatException($"the checkpoint's weights do not load into its model {checkpoint.Spec}: {e.Message}", e);
        }
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["capgrid.model"] = $"{checkpoint.Spec}",
            ["capgrid.epoch"] = checkpoint.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["capgrid.spec_hash"] = checkpoint.SpecHash,
        };
        SafetensorsWriter.Write(output, ClassifierTrainer.ExtractWeights(model), metadata);
        return checkpoint;
    }
}

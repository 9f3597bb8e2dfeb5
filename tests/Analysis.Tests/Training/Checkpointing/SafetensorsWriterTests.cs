using System.Buffers.Binary;
using System.Text.Json;
using CapacityGrid.Analysis.Measures.Weights;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Tests.Shared;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Tests.Training.Checkpointing;

public sealed class SafetensorsWriterTests
{
    [Fact]
    public void Write_TwoLayers_GivesTheSafetensorsLayout()
    {
        var layers = new[]
        {
            new WeightMatrix("fc1", 2, 3, [1, 2, 3, 4, 5, 6], [0.5f, -0.5f]),
            new WeightMatrix("out", 1, 2, [7, 8], [9]),
        };
        using var file = new MemoryStream();

        SafetensorsWriter.Write(file, layers, new Dictionary<string, string> { ["format"] = "pt" });

        var bytes = file.ToArray();
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + headerLength) % 8);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var root = header.RootElement;
        Assert.Equal("pt", root.GetProperty("__metadata__").GetProperty("format").GetString());
        var expected = new (string Name, int[] Shape, float[] Values)[]
        {
            ("fc1.weight", [2, 3], [1, 2, 3, 4, 5, 6]),
            ("fc1.bias", [2], [0.5f, -0.5f]),
            ("out.weight", [1, 2], [7, 8]),
            ("out.bias", [1], [9]),
        };
        var data = bytes.AsSpan(8 + headerLength);
        Assert.Equal(expected.Sum(t => t.Values.Length) * 4, data.Length);
        foreach (var (name, shape, values) in expected)
        {
            var entry = root.GetProperty(name);
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            Assert.Equal(shape, entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var read = new float[(offsets[1] - offsets[0]) / 4];
            for (var i = 0; i < read.Length; i++)
            {
                read[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(offsets[0] + 4 * i)..]);
            }
            Assert.Equal(values, read);
        }
    }

    [Fact]
    public void ToSafetensors_OfATrainedCheckpoint_LoadsInPyTorchWithTheSameWeightsAndOutputs()
    {
        SystemPackage.PyTorch.Require();
        var data = TrainingData.TeacherSplit(samples: 600);
        var spec = new MlpSpec(12, [16, 8], 4);
        var epochs = new List<EpochReport>();
        var outcome = ClassifierTrainer.Train(data, spec, new TrainOptions(Epochs: 2), epochs.Add, TestContext.Current.CancellationToken);
        var path = Path.Combine(Path.GetTempPath(), $"capgrid-export-{Guid.NewGuid():N}.safetensors");
        var input = data.Test.Features.AsSpan(0, 5 * 12).ToArray();
        try
        {
            using (var file = File.Create(path))
            {
                CheckpointExport.ToSafetensors(epochs[^1].Checkpoint, file);
            }

            var loaded = PyTorchMlp.Run(path, input);

            foreach (var layer in outcome.Weights)
            {
                Assert.Equal(layer.Values, loaded[$"{layer.Name}.weight"]);
                Assert.Equal(layer.Bias!, loaded[$"{layer.Name}.bias"]);
            }
            var expectedLogits = Logits(spec, epochs[^1].Checkpoint, input);
            Assert.Equal(expectedLogits.Length, loaded["logits"].Length);
            for (var i = 0; i < expectedLogits.Length; i++)
            {
                // Two libtorch builds may sum in another order: float32 rounding, not a different model.
                Assert.Equal(expectedLogits[i], loaded["logits"][i], 1e-5f);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static float[] Logits(MlpSpec spec, byte[] payload, float[] input)
    {
        using var scope = NewDisposeScope();
        using var model = new Mlp(spec);
        Checkpoints.LoadWeights(model, CheckpointFormat.Read(payload).Weights);
        model.eval();
        using var noGrad = no_grad();
        return model.forward(tensor(input, [input.Length / spec.InputDim, spec.InputDim])).data<float>().ToArray();
    }
}

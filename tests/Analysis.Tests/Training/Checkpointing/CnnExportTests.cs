using System.Text.Json;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Tests.Shared;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Tests.Training.Checkpointing;

public sealed class CnnExportTests
{
    // Runs the exported tensors through PyTorch's own conv2d, relu, max_pool2d and linear.
    private const string Script = """
        import json, struct, sys, torch
        import torch.nn.functional as F
        path, inputs = sys.argv[1], json.loads(sys.argv[2])
        raw = open(path, 'rb').read()
        n = struct.unpack('<Q', raw[:8])[0]
        header = json.loads(raw[8:8 + n])
        header.pop('__metadata__', None)
        data = bytearray(raw[8 + n:])
        t = {name: torch.frombuffer(data, dtype=torch.float32, count=(e['data_offsets'][1] - e['data_offsets'][0]) // 4,
                                    offset=e['data_offsets'][0]).reshape(e['shape']) for name, e in header.items()}
        x = torch.tensor(inputs, dtype=torch.float32).reshape(-1, 1, 8, 8)
        x = F.max_pool2d(torch.relu(F.conv2d(x, t['conv1.weight'], t['conv1.bias'])), 2)
        x = torch.relu(F.linear(x.flatten(1), t['fc1.weight'], t['fc1.bias']))
        x = F.linear(x, t['out.weight'], t['out.bias'])
        print(json.dumps(x.flatten().tolist()))
        """;

    [Fact]
    public void ToSafetensors_OfATrainedCnn_GivesTheSameLogitsInPyTorch()
    {
        SystemPackage.PyTorch.Require();
        var spec = new CnnSpec(1, 8, 8, [new ConvLayerSpec(4, 3, "max")], [8], 4);
        var data = ImageData.Quadrants(samples: 200);
        var epochs = new List<EpochReport>();
        ClassifierTrainer.Train(data, spec, new TrainOptions(Epochs: 1), epochs.Add, TestContext.Current.CancellationToken);
        var input = data.Test.Features.AsSpan(0, 3 * 64).ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"capgrid-cnn-{Guid.NewGuid():N}.safetensors");
        try
        {
            using (var file = File.Create(path))
            {
                CheckpointExport.ToSafetensors(epochs[^1].Checkpoint, file);
            }

            var fromPyTorch = RunPyTorch(path, input);

            var expected = Logits(spec, epochs[^1].Checkpoint, input);
            Assert.Equal(expected.Length, fromPyTorch.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                // Two libtorch builds may sum in another order: float32 rounding, not a different model.
                Assert.Equal(expected[i], fromPyTorch[i], 1e-5f);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static float[] Logits(CnnSpec spec, byte[] payload, float[] input)
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn(spec);
        Checkpoints.LoadWeights(model, payload);
        model.eval();
        using var noGrad = no_grad();
        return model.forward(tensor(input, [input.Length / spec.InputDim, spec.InputDim])).data<float>().ToArray();
    }

    private static float[] RunPyTorch(string path, float[] input) =>
        Array.ConvertAll(JsonSerializer.Deserialize<double[]>(PyTorchMlp.RunScript(Script, path, JsonSerializer.Serialize(input)))!, v => (float)v);
}

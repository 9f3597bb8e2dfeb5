using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

// The optimizer, device and activation stay words on the wire and in specs; these are their typed views.
public sealed class TrainingChoicesTests
{
    [Theory]
    [InlineData("adam", OptimizerKind.Adam)]
    [InlineData("sgd", OptimizerKind.Sgd)]
    public void TypedOptimizer_ReadsTheSpecWord(string word, OptimizerKind kind) =>
        Assert.Equal(kind, new TrainingSpec(1, Optimizer: word).TypedOptimizer);

    [Theory]
    [InlineData(null, DeviceKind.Auto)]
    [InlineData("auto", DeviceKind.Auto)]
    [InlineData("cpu", DeviceKind.Cpu)]
    [InlineData("cuda", DeviceKind.Cuda)]
    public void TypedDevice_ReadsTheSpecWord_AutoWhenAbsent(string? word, DeviceKind kind) =>
        Assert.Equal(kind, new TrainingSpec(1, Device: word).TypedDevice);

    [Theory]
    [InlineData("relu", ActivationKind.Relu)]
    [InlineData("tanh", ActivationKind.Tanh)]
    public void TypedActivation_ReadsTheSpecWord(string word, ActivationKind kind) =>
        Assert.Equal(kind, new GridSpec([4], [1], [1], Activation: word).TypedActivation);

    // A SpecException, as the validator throws: a trainer handed an unvalidated spec fails the point without retrying.
    [Fact]
    public void TypedViews_OfUnknownWords_ThrowTheValidatorsSpecException()
    {
        var optimizer = Assert.Throws<SpecException>(() => new TrainingSpec(1, Optimizer: "adamw").TypedOptimizer);
        var device = Assert.Throws<SpecException>(() => new TrainingSpec(1, Device: "tpu").TypedDevice);
        var activation = Assert.Throws<SpecException>(() => new GridSpec([4], [1], [1], Activation: "gelu").TypedActivation);

        Assert.Equal("training.optimizer: unknown optimizer 'adamw' (expected adam or sgd)", optimizer.Message);
        Assert.Equal("training.device: unknown device 'tpu' (expected auto, cpu or cuda)", device.Message);
        Assert.Equal("grid.activation: unknown activation 'gelu' (expected relu or tanh)", activation.Message);
    }

    [Fact]
    public void ToJson_KeepsTheWordsAndLeavesTheTypedViewsOut()
    {
        var spec = new ExperimentSpec("t", new DatasetSpec("teacher"), new GridSpec([4], [1], [1], Activation: "tanh"),
            new TrainingSpec(1, Optimizer: "sgd", Device: "cuda"));

        var json = SpecParser.ToJson(spec);

        Assert.Contains("\"optimizer\": \"sgd\"", json, StringComparison.Ordinal);
        Assert.Contains("\"device\": \"cuda\"", json, StringComparison.Ordinal);
        Assert.Contains("\"activation\": \"tanh\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("typed", json, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("\"epochs\": 2", "\"epochs\": 2, \"optimizer\": \"Adam\"", "training.optimizer", "unknown optimizer 'Adam' (expected adam or sgd)")]
    [InlineData("\"epochs\": 2", "\"epochs\": 2, \"device\": \"CPU\"", "training.device", "unknown device 'CPU' (expected auto, cpu or cuda)")]
    [InlineData("\"seeds\": [1]", "\"seeds\": [1], \"activation\": \"ReLU\"", "grid.activation", "unknown activation 'ReLU' (expected relu or tanh)")]
    public void Parse_AChoiceSpeltInAnotherCase_IsRefusedAsBefore(string from, string to, string field, string problem)
    {
        const string valid = """
            {
              "name": "t1",
              "dataset": { "kind": "teacher", "inputDim": 8, "classes": 3, "samples": 100 },
              "grid": { "widths": [4, 8], "depths": [1, 2], "seeds": [1] },
              "training": { "epochs": 2 }
            }
            """;

        var e = Assert.Throws<SpecException>(() => SpecParser.Parse(valid.Replace(from, to, StringComparison.Ordinal)));

        Assert.Equal(field, e.Field);
        Assert.Equal(problem, e.Problem);
    }
}

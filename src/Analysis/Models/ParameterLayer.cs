using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Models;

/// <summary>One layer's parameters: its stable name, weight and bias tensors (owned by the module) and fan-in.</summary>
public sealed record ParameterLayer(string Name, Tensor Weight, Tensor Bias, long FanIn);

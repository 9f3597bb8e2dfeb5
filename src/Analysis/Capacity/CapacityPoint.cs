namespace CapacityGrid.Analysis.Capacity;

/// <summary>One finished grid point as the capacity analysis sees it.</summary>
/// <param name="PointId">The grid point's id.</param>
/// <param name="HiddenWidths">The hidden layers' widths, input side first.</param>
/// <param name="Seed">The training seed.</param>
/// <param name="ParameterCount">Trainable parameters.</param>
/// <param name="TestAccuracy">Final test accuracy, in [0, 1].</param>
/// <param name="TrainAccuracy">Final training accuracy, when known.</param>
/// <param name="WeightEntropyBits">Quantized weight entropy of the final model, in bits.</param>
/// <param name="ArchitectureBits">Architecture capacity of the shape, in bits.</param>
/// <param name="Layers">The final model's hidden layers as probed on the training part (empty when not probed).</param>
/// <param name="TestLoss">Final test cross-entropy in nats per sample, when known.</param>
public sealed record CapacityPoint(
    string PointId,
    int[] HiddenWidths,
    int Seed,
    long ParameterCount,
    double TestAccuracy,
    double? TrainAccuracy = null,
    double? WeightEntropyBits = null,
    double? ArchitectureBits = null,
    IReadOnlyList<LayerObservation>? Layers = null,
    double? TestLoss = null)
{
    /// <summary>The configuration's key: the hidden widths joined by '-' ("64-32").</summary>
    public string Key => ShapeKey(HiddenWidths);

    /// <summary>The key of a shape: its hidden widths joined by '-'.</summary>
    public static string ShapeKey(IEnumerable<int> hiddenWidths) => string.Join('-', hiddenWidths);
}

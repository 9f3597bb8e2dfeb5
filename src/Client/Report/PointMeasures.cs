using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Grains.Abstractions.Analysis;

namespace CapacityGrid.Client.Report;

/// <summary>One hidden layer of a finished point's final probe, on one part of the data.</summary>
public sealed record ProbedLayer(string Name, int Width, double? Saturation, double? SaturationDimension, double? TwoNNDimension, double? InputBits, double? LabelBits);

/// <summary>One hidden layer's information-plane coordinates after one epoch (training part).</summary>
public sealed record EpochPlanePoint(int Epoch, string Layer, double InputBits, double LabelBits);

/// <summary>What the report plots of a capacity map row: the final probe's layers and the per-epoch layers.</summary>
public static class PointMeasures
{
    /// <summary>The hidden layers of one part's final probe (<c>Measures.Layers.Train</c> or <c>.Test</c>); empty when there was no probe.</summary>
    public static IReadOnlyList<ProbedLayer> FinalLayers(ProbeReport? probe) =>
        probe is null
            ? []
            : [.. probe.Layers.Select(l => new ProbedLayer(l.Name, l.Width, l.Saturation, l.SaturationDimension, l.TwoNNDimension, l.RenyiInputBits, l.RenyiLabelBits))];

    /// <summary>Every epoch's matrix-based Rényi I(X;T), I(T;Y) of each hidden layer on the training part, where measured.</summary>
    public static IReadOnlyList<EpochPlanePoint> InformationPlane(IReadOnlyList<EpochRow>? epochs) =>
    [
        .. (epochs ?? []).SelectMany(e => (e.Layers ?? []).Select(l =>
            l.Train is { InputBits: { } x, LabelBits: { } y } ? new EpochPlanePoint(e.Epoch, l.Name, x, y) : null)).OfType<EpochPlanePoint>(),
    ];
}

using System.Globalization;
using CapacityGrid.Analysis.Capacity;

namespace CapacityGrid.Client.Output;

/// <summary>One sentence of evidence for a layer's recommended width, from the probe's measures of that layer.</summary>
public static class LayerEvidence
{
    /// <summary>The sentence, e.g. "fc1: 16 units, because its output uses 9.4 dimensions (TwoNN) of the probe's 32 ...".</summary>
    public static string Sentence(LayerRecommendation l)
    {
        var c = CultureInfo.InvariantCulture;
        var measure = l.Source == "twonn" ? "TwoNN dimension of its output" : "Delve saturation dimension";
        var delve = l.SaturationDimension is { } d && l.Source == "twonn"
            ? string.Create(c, $"; {d} directions hold 99 % of its pre-activation variance")
            : "";
        var caveat = l.Saturated
            ? " It used (nearly) all of the probe's width, so this is a lower bound: a wider probe may show it needs more."
            : "";
        return string.Create(c, $"{l.Name}: {l.Width} units, because it uses {l.Dimension:0.0} dimensions ({measure}) of the probe's {l.ProbeWidth}{delve}.{caveat}");
    }
}

using System.Globalization;
using CapacityGrid.Analysis.Capacity;

namespace CapacityGrid.Client.Output;

/// <summary>One sentence of evidence for a layer's recommended width, from the probes' measures of that layer.</summary>
public static class LayerEvidence
{
    /// <summary>The sentence, e.g. "fc1: 16 units, because 15 directions hold 99 % of its pre-activation variance in the 32-wide probe and 13 in the 16-wide one: it has found its size ...".</summary>
    public static string Sentence(LayerRecommendation l)
    {
        var c = CultureInfo.InvariantCulture;
        if (l.Source == "two-width" && l.HalfSaturationDimension is { } half)
        {
            var extra = string.Join(", ", new[]
            {
                l.EffectiveRank is { } r ? string.Create(c, $"effective rank {r:0.0}") : null,
                l.TwoNNDimension is { } t ? string.Create(c, $"TwoNN dimension {t:0.0}") : null,
                l.InputSimilarity is { } k ? string.Create(c, $"linear CKA with its input {k:0.00}") : null,
            }.Where(x => x is not null));
            var verdict = l.IdleAtHalfWidth
                ? string.Create(c, $"it grew by more than {(TwoWidthSizer.SettledGrowth - 1) * 100:0} % with the width, but the {l.HalfWidth}-wide layer left directions idle (it used {half} of {l.HalfWidth}, at most {TwoWidthSizer.IdleFill * 100:0} %), so the growth is variance it does not need and the half width is enough")
                : l.Saturated
                ? string.Create(c, $"it grew by more than {(TwoWidthSizer.SettledGrowth - 1) * 100:0} % with the width, so it uses what it is given and wants at least the probe's width (a lower bound: a wider probe may show more)")
                : string.Create(c, $"it grew by at most {(TwoWidthSizer.SettledGrowth - 1) * 100:0} % when the width doubled, so it has found its size, and {TwoWidthSizer.ReluHeadroom} ReLU units per direction pass it unclipped");
            return string.Create(c,
                $"{l.Name}: {l.Width} units, because {l.SaturationDimension} directions hold 99 % of its pre-activation variance in the {l.ProbeWidth}-wide probe and {half} in the {l.HalfWidth}-wide one: {verdict}{(extra.Length == 0 ? "" : $" ({extra})")}.");
        }
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

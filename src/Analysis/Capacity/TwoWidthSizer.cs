using System.Globalization;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// The per-layer rule chosen on the tuning data sets (docs/sizing.md): compare each layer's Delve saturation
/// dimension (directions holding 99 % of its pre-activation variance) in a probe of width w and one of width w/2.
/// If it grew by at most <see cref="SettledGrowth"/> the layer has found its size, and its width is the smallest
/// candidate width at least <see cref="ReluHeadroom"/> times that dimension (a ReLU unit passes one sign of a direction,
/// so d directions need 2d units to pass unclipped; session 6's second change). If it grew more but the half-width probe's layer left directions idle (it
/// used at most <see cref="IdleFill"/> of its width w/2), the growth is the wider layer spreading variance it does not
/// need, and the layer gets w/2 (session 6's change, chosen on nine tuning sets). Otherwise the layer uses what it is
/// given and wants at least the probe's width (a lower bound). Depth: a layer after the first is removable when its output nearly equals its input
/// up to rotation (linear CKA at least <see cref="SameRepresentation"/>) or it uses at most <see cref="TinyDimension"/>
/// directions. The bottleneck named is the layer whose output is least like its input in the wide probe (the lowest
/// linear CKA between them, as a share of <see cref="CkaCeiling"/>, the most a layer of its width can reach on its input),
/// the input side first on a tie: the layer that discards the most of what it receives (session 8's rule, chosen on
/// binding teachers, docs/sizing.md). Without CKA it is the layer with the fewest directions in the half-width probe.
/// </summary>
public static class TwoWidthSizer
{
    /// <summary>Growth of the saturation dimension from w/2 to w at or below which a layer has found its size.</summary>
    public const double SettledGrowth = 1.25;

    /// <summary>Units per used direction a settled layer gets: the probes are ReLU networks.</summary>
    public const int ReluHeadroom = 2;

    /// <summary>
    /// Share of its width the half-width probe's layer uses (saturation dimension over width) at or below which a layer
    /// whose dimension grew is given the half width rather than the probe's.
    /// </summary>
    public const double IdleFill = 0.6;

    /// <summary>Linear CKA between a layer's input and output at or above which the layer is removable.</summary>
    public const double SameRepresentation = 0.95;

    /// <summary>A layer using at most this many directions is removable.</summary>
    public const int TinyDimension = 2;

    /// <summary>The shape <paramref name="pair"/> supports, widths taken from <paramref name="widths"/> (e.g. the sweep's).</summary>
    /// <exception cref="ArgumentException">The pair has no half-width probe, or a layer has no saturation dimension.</exception>
    public static SizedShape Recommend(ProbePair pair, IReadOnlyList<int> widths)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(widths);
        if (pair.Half is not { } half)
        {
            throw new ArgumentException("the two-width rule needs a half-width probe", nameof(pair));
        }
        var candidates = widths.Where(w => w > 0).Order().ToArray();
        if (candidates.Length == 0)
        {
            throw new ArgumentException("no candidate widths", nameof(widths));
        }
        var wide = pair.Wide;
        var layers = new List<LayerRecommendation>();
        for (var i = 0; i < wide.Probe.Layers.Count; i++)
        {
            var w = wide.Probe.Layers[i];
            var h = half.Probe.Layers[i];
            if (w.SaturationDimension is not { } dw || h.SaturationDimension is not { } dh)
            {
                throw new ArgumentException($"layer {w.Name} has no saturation dimension ({w.SaturationReason ?? h.SaturationReason})", nameof(pair));
            }
            var settled = dw <= SettledGrowth * dh;
            var idle = !settled && dh <= IdleFill * h.Width;
            var width = settled ? AtLeast(ReluHeadroom * dw) : idle ? AtLeast(h.Width) : w.Width;
            var use = wide.Use?[i];
            layers.Add(new LayerRecommendation(
                w.Name, w.Width, w.Saturation, dw, w.TwoNNDimension, dw, "two-width", width, !settled && !idle,
                h.Width, dh, use?.EffectiveRank, use?.InputSimilarity, idle));
        }

        int AtLeast(int units) => candidates.FirstOrDefault(c => c >= units, candidates[^1]);

        var removable = layers.Select((l, i) => (l, i))
            .Where(x => x.i > 0 && (x.l.InputSimilarity >= SameRepresentation || x.l.SaturationDimension <= TinyDimension))
            .Select(x => x.i).ToArray();
        var depth = Math.Max(1, layers.Count - removable.Length);
        removable = [.. removable.Take(layers.Count - depth)];
        var c = CultureInfo.InvariantCulture;
        var depthReason = layers.Count == 1
            ? "depth 1: the probes have one hidden layer (--probe-depth sets more)"
            : removable.Length == 0
            ? string.Create(c, $"depth {depth}: every layer after the first changes its input (linear CKA with it below {SameRepresentation:0.00}: {string.Join(", ", layers.Skip(1).Select(l => $"{l.Name} {l.InputSimilarity:0.00}"))}) and uses more than {TinyDimension} directions")
            : string.Create(c, $"depth {depth}: {string.Join("; ", removable.Select(i => Removal(layers[i])))}, so removing it should cost nothing");

        var (bottleneck, bottleneckReason) = Bottleneck(layers, pair.InputDimension);
        return new SizedShape(layers, depth, depthReason, removable, bottleneck, bottleneckReason);

        string Removal(LayerRecommendation l) => l.InputSimilarity >= SameRepresentation
            ? string.Create(c, $"{l.Name}'s output is nearly its input (linear CKA {l.InputSimilarity:0.00}, at least {SameRepresentation:0.00})")
            : string.Create(c, $"{l.Name} uses only {l.SaturationDimension} directions (at most {TinyDimension})");
    }

    // The layer least like its input in the wide probe, its CKA taken as a share of the most a layer of its width can
    // keep of its input's directions; the fewest directions in the half probe where CKA was not measured.
    private static (int Index, string Reason) Bottleneck(IReadOnlyList<LayerRecommendation> layers, int? inputDimension)
    {
        var c = CultureInfo.InvariantCulture;
        var directions = string.Join(", ", layers.Select(l => $"{l.Name} {l.HalfSaturationDimension}"));
        if (layers.All(l => l.InputSimilarity is not null))
        {
            var inputs = layers.Select((l, i) => i == 0 ? inputDimension : layers[i - 1].SaturationDimension).ToArray();
            var ceilings = layers.Select((l, i) => CkaCeiling(l.ProbeWidth, inputs[i])).ToArray();
            var i = layers.Select((l, i) => (l.InputSimilarity!.Value / ceilings[i], i)).Min().i;
            var b = layers[i];
            var scores = string.Join(", ", layers.Select((l, j) => ceilings[j] < 1
                ? $"{l.Name} {l.InputSimilarity:0.00}, {l.InputSimilarity / ceilings[j]:0.00} of the {ceilings[j]:0.00} that {l.ProbeWidth} units can reach on {inputs[j]} input directions"
                : $"{l.Name} {l.InputSimilarity:0.00}"));
            return (i, string.Create(c,
                $"{b.Name} is the bottleneck: its output is least like its input in the {b.ProbeWidth}-wide probe (linear CKA {scores}), so it discards the most of what it receives (directions used in the {b.HalfWidth}-wide probe: {directions})"));
        }
        var fewest = layers.Select((l, i) => (l.HalfSaturationDimension!.Value, i)).Min().i;
        var f = layers[fewest];
        return (fewest, string.Create(c,
            $"{f.Name} is the bottleneck: it uses the fewest directions in the {f.HalfWidth}-wide probe ({directions}; {f.SaturationDimension} of {f.ProbeWidth} in the wide one; no linear CKA was measured)"));
    }

    /// <summary>
    /// The linear CKA a layer of <paramref name="width"/> units reaches at most on an input spread evenly over
    /// <paramref name="inputDimension"/> directions: sqrt(min(width, d) / d), since keeping r of d such directions gives
    /// sqrt(r / d). 1 when the layer is at least as wide as its input's dimension, or that is unknown.
    /// </summary>
    public static double CkaCeiling(int width, int? inputDimension) =>
        inputDimension is { } d && d > width ? Math.Sqrt((double)width / d) : 1;

    /// <summary>
    /// <paramref name="shape"/> at <paramref name="depth"/> hidden layers (at most the probe's): the layers after the
    /// first most like their input are left out first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The depth is below 1 or above the probe's.</exception>
    public static SizedShape WithDepth(SizedShape shape, int depth)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, shape.Layers.Count);
        var removable = shape.Layers.Select((l, i) => (l, i)).Skip(1)
            .OrderByDescending(x => x.l.InputSimilarity ?? 0).ThenBy(x => x.l.SaturationDimension)
            .Take(shape.Layers.Count - depth).Select(x => x.i).Order().ToArray();
        return shape with { Depth = depth, Removable = removable };
    }
}

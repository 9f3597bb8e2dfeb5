using CapacityGrid.Analysis.Measures.Weights;

namespace CapacityGrid.Analysis.Measures.Pruning;

/// <summary>
/// Global magnitude pruning (Han et al., "Learning both weights and connections", 2015; global variant as in
/// Frankle &amp; Carbin's Lottery Ticket experiments): all layers' weights ranked together by |w|, and a fraction
/// f removed from the bottom. Biases are never pruned.
/// </summary>
/// <remarks>
/// One ranking serves every fraction, so the pruned sets are nested: a weight removed at f is removed at every
/// larger fraction. Ties are broken by a fixed order (the sort of the ranking), so equal magnitudes never make
/// two fractions disagree.
/// </remarks>
public sealed class MagnitudeRanking
{
    private readonly int[] _shapes;
    private readonly int[] _order;   // global indices, smallest |w| first

    private MagnitudeRanking(int[] shapes, int[] order)
    {
        _shapes = shapes;
        _order = order;
    }

    /// <summary>Weights ranked (biases excluded).</summary>
    public int Count => _order.Length;

    /// <summary>Ranks the weights of <paramref name="layers"/> by magnitude.</summary>
    public static MagnitudeRanking Of(IReadOnlyList<WeightMatrix> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var shapes = layers.Select(l => l.Values.Length).ToArray();
        var magnitudes = new float[shapes.Sum()];
        var at = 0;
        foreach (var layer in layers)
        {
            foreach (var w in layer.Values)
            {
                if (float.IsNaN(w))
                {
                    throw new ArgumentException($"layer {layer.Name} has a NaN weight", nameof(layers));
                }
                magnitudes[at++] = Math.Abs(w);
            }
        }
        var order = Enumerable.Range(0, magnitudes.Length).ToArray();
        Array.Sort(magnitudes, order);
        return new MagnitudeRanking(shapes, order);
    }

    /// <summary>The number of weights a fraction removes: round(f · <see cref="Count"/>).</summary>
    public int PrunedCount(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        return (int)Math.Round(fraction * Count);
    }

    /// <summary>Per layer, true for each weight kept when <paramref name="fraction"/> of all weights is removed.</summary>
    public bool[][] Keep(double fraction)
    {
        var keep = _shapes.Select(n => Enumerable.Repeat(true, n).ToArray()).ToArray();
        var pruned = PrunedCount(fraction);
        for (var r = 0; r < pruned; r++)
        {
            var index = _order[r];
            var layer = 0;
            while (index >= _shapes[layer])
            {
                index -= _shapes[layer];
                layer++;
            }
            keep[layer][index] = false;
        }
        return keep;
    }
}

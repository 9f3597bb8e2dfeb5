using CapacityGrid.Analysis.Data;

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Memory-equivalent capacity (MEC): Friedland, Metere and Krell, "A Practical Approach to Sizing
/// Neural Networks" (2018), their estimate and upper bound of the capacity a network needs to memorise
/// a labelled dataset, exactly as MEASURES.md states them.
/// </summary>
/// <remarks>
/// e_i = Σ_j x_ij per row; rows sorted by e_i, ties kept in input order (a stable sort); c = number of
/// label changes along that order; estimate = ceil(log2(c + 1)) · d bits; upper bound = c · (d + 1) + c
/// bits; dictionary bound = n · log2 K with K the declared classes.
/// </remarks>
public static class MemoryEquivalentCapacity
{
    /// <summary>MEC estimate, upper bound and dictionary bound of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">A feature value is NaN or infinite, or the shape is inconsistent.</exception>
    public static MecMeasures Measure(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Validated();
        ColumnRanges.Of(data); // throws naming the sample and feature of a NaN
        var n = data.Samples;
        var sums = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = 0.0;
            foreach (var v in data.Row(i))
            {
                s += v;
            }
            sums[i] = s;
        }
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }
        // Array.Sort is not stable; the index as second key makes it so.
        Array.Sort(order, (a, b) => sums[a] != sums[b] ? sums[a].CompareTo(sums[b]) : a.CompareTo(b));
        var changes = 0;
        for (var t = 1; t < n; t++)
        {
            if (data.Labels[order[t]] != data.Labels[order[t - 1]])
            {
                changes++;
            }
        }
        double d = data.FeatureCount;
        var estimate = Math.Ceiling(Math.Log2(changes + 1)) * d;
        var max = changes * (d + 1) + changes;
        var dictionary = n * Math.Log2(data.Classes);
        var reason = changes == 0 ? "every sample has the same label: no label change to memorise, so 0 bits is exact" : null;
        return new MecMeasures(estimate, max, dictionary, changes, reason);
    }
}

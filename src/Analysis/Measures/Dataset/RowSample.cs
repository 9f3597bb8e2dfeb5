namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>A seeded uniform choice of rows, without replacement, for the measures whose cost grows as n².</summary>
internal static class RowSample
{
    /// <summary>All of 0..n-1 if n ≤ <paramref name="max"/>; else <paramref name="max"/> of them drawn with <paramref name="seed"/>, ascending.</summary>
    public static int[] Choose(int n, int max, int seed)
    {
        var rows = new int[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = i;
        }
        if (n <= max)
        {
            return rows;
        }
        // The first max steps of a Fisher-Yates shuffle.
        var random = new Random(seed);
        for (var i = 0; i < max; i++)
        {
            var j = random.Next(i, n);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        var chosen = rows[..max];
        Array.Sort(chosen);
        return chosen;
    }
}

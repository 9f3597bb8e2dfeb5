namespace CapacityGrid.Analysis.Tests;

/// <summary>Seeded generated data for tests: the same numbers on every run and machine.</summary>
internal static class Generated
{
    /// <summary>n standard normal values (Box-Muller), as doubles.</summary>
    public static double[] Normal(Random random, int n)
    {
        var x = new double[n];
        for (var i = 0; i < n; i += 2)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2 * Math.Log(u1));
            x[i] = r * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < n)
            {
                x[i + 1] = r * Math.Sin(2 * Math.PI * u2);
            }
        }
        return x;
    }

    /// <summary>n standard normal values as floats.</summary>
    public static float[] NormalFloats(Random random, int n) => Array.ConvertAll(Normal(random, n), v => (float)v);

    /// <summary>C = Aᵀ A for an m x n standard normal A: symmetric positive semi-definite, n x n row-major.</summary>
    public static double[] Gram(Random random, int m, int n)
    {
        var a = Normal(random, m * n);
        var c = new double[n * n];
        for (var r = 0; r < m; r++)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    c[i * n + j] += a[r * n + i] * a[r * n + j];
                }
            }
        }
        return c;
    }

    /// <summary>A k x n matrix (row-major) whose rows are orthonormal: Gram-Schmidt on normal rows.</summary>
    public static double[] OrthonormalRows(Random random, int k, int n)
    {
        var q = Normal(random, k * n);
        for (var i = 0; i < k; i++)
        {
            var row = q.AsSpan(i * n, n);
            for (var j = 0; j < i; j++)
            {
                var prev = q.AsSpan(j * n, n);
                var dot = 0.0;
                for (var t = 0; t < n; t++)
                {
                    dot += row[t] * prev[t];
                }
                for (var t = 0; t < n; t++)
                {
                    row[t] -= dot * prev[t];
                }
            }
            var norm = 0.0;
            foreach (var v in row)
            {
                norm += v * v;
            }
            norm = Math.Sqrt(norm);
            for (var t = 0; t < n; t++)
            {
                row[t] /= norm;
            }
        }
        return q;
    }
}

using System.Numerics;

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Reduces rows to a few coordinates for the KSG estimator, whose neighbour counts lose meaning in
/// hundreds of dimensions: the features are z-scored (constant ones stay 0), projected on their top
/// principal directions, and each projection scaled to unit variance so the max-norm weighs them alike.
/// </summary>
/// <remarks>
/// The directions come from subspace (block power) iteration (Golub and Van Loan, "Matrix Computations",
/// 7.3.2) from a seeded random start, <see cref="Iterations"/> rounds of Zᵀ(Z Q) and Gram-Schmidt: a
/// handful of passes over the data instead of a d x d eigen-decomposition. With close eigenvalues the
/// subspace is approximate; any fixed projection T of X still gives I(T;Y) ≤ I(X;Y) (data processing
/// inequality), so the reduced estimate stays a lower bound.
/// </remarks>
internal static class PrincipalComponents
{
    public const int Iterations = 30;

    /// <summary>
    /// The <paramref name="n"/> rows as <paramref name="components"/> unit-variance coordinates, row-major;
    /// if there are no more features than that, the z-scored features themselves.
    /// </summary>
    public static double[] Project(float[] rows, int n, int d, int components, int seed)
    {
        var z = Standardised(rows, n, d);
        if (d <= components)
        {
            return z;
        }
        var m = components;
        var random = new Random(seed);
        var q = new double[m * d];
        for (var i = 0; i < q.Length; i++)
        {
            q[i] = random.NextDouble() - 0.5;
        }
        Orthonormalise(q, m, d);
        var w = new double[n * m];
        for (var round = 0; round < Iterations; round++)
        {
            Multiply(z, n, d, q, m, w);
            q = MultiplyTransposed(z, n, d, w, m);
            Orthonormalise(q, m, d);
        }
        Multiply(z, n, d, q, m, w);
        ScaleColumns(w, n, m);
        return w;
    }

    private static double[] Standardised(float[] rows, int n, int d)
    {
        var z = new double[n * d];
        for (var j = 0; j < d; j++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < n; i++)
            {
                sum += rows[i * d + j];
            }
            var mean = sum / n;
            for (var i = 0; i < n; i++)
            {
                var c = rows[i * d + j] - mean;
                squares += c * c;
            }
            var sd = Math.Sqrt(squares / n);
            for (var i = 0; i < n; i++)
            {
                z[i * d + j] = sd > 0 ? (rows[i * d + j] - mean) / sd : 0;
            }
        }
        return z;
    }

    /// <summary>w = Z Qᵀ: each row's coordinate along each direction.</summary>
    private static void Multiply(double[] z, int n, int d, double[] q, int m, double[] w) =>
        Parallel.For(0, n, i =>
        {
            var row = z.AsSpan(i * d, d);
            for (var c = 0; c < m; c++)
            {
                w[i * m + c] = Dot(row, q.AsSpan(c * d, d));
            }
        });

    /// <summary>Zᵀ w, one direction per row of the result; rows of Z split across threads, partial sums added in order.</summary>
    private static double[] MultiplyTransposed(double[] z, int n, int d, double[] w, int m)
    {
        var parts = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 256));
        var partial = new double[parts][];
        Parallel.For(0, parts, p =>
        {
            var sum = new double[m * d];
            for (var i = p * n / parts; i < (p + 1) * n / parts; i++)
            {
                var row = z.AsSpan(i * d, d);
                for (var c = 0; c < m; c++)
                {
                    AddScaled(sum.AsSpan(c * d, d), w[i * m + c], row);
                }
            }
            partial[p] = sum;
        });
        var total = partial[0];
        for (var p = 1; p < parts; p++)
        {
            AddScaled(total, 1, partial[p]);
        }
        return total;
    }

    /// <summary>Modified Gram-Schmidt on the m rows of q; a direction with nothing left is left at 0.</summary>
    private static void Orthonormalise(double[] q, int m, int d)
    {
        for (var c = 0; c < m; c++)
        {
            var v = q.AsSpan(c * d, d);
            for (var b = 0; b < c; b++)
            {
                var u = q.AsSpan(b * d, d);
                AddScaled(v, -Dot(v, u), u);
            }
            var norm = Math.Sqrt(Dot(v, v));
            var scale = norm > 1e-12 ? 1 / norm : 0;
            foreach (ref var x in v)
            {
                x *= scale;
            }
        }
    }

    private static void ScaleColumns(double[] w, int n, int m)
    {
        for (var c = 0; c < m; c++)
        {
            double squares = 0, sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += w[i * m + c];
            }
            var mean = sum / n;
            for (var i = 0; i < n; i++)
            {
                squares += (w[i * m + c] - mean) * (w[i * m + c] - mean);
            }
            var sd = Math.Sqrt(squares / n);
            for (var i = 0; i < n; i++)
            {
                w[i * m + c] = sd > 0 ? (w[i * m + c] - mean) / sd : 0;
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var w = Vector<double>.Count;
        var acc = Vector<double>.Zero;
        var i = 0;
        for (; i <= a.Length - w; i += w)
        {
            acc = Vector.MultiplyAddEstimate(new Vector<double>(a[i..]), new Vector<double>(b[i..]), acc);
        }
        var s = Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    /// <summary>target += scale · source.</summary>
    private static void AddScaled(Span<double> target, double scale, ReadOnlySpan<double> source)
    {
        var w = Vector<double>.Count;
        var s = new Vector<double>(scale);
        var i = 0;
        for (; i <= target.Length - w; i += w)
        {
            Vector.MultiplyAddEstimate(s, new Vector<double>(source[i..]), new Vector<double>(target[i..])).CopyTo(target[i..]);
        }
        for (; i < target.Length; i++)
        {
            target[i] += scale * source[i];
        }
    }
}

using System.Numerics;

namespace CapacityGrid.Analysis.Numerics;

/// <summary>
/// Eigenvalues (and optionally eigenvectors) of a real symmetric matrix: Householder reduction to
/// tridiagonal form, then the implicit QL algorithm with Wilkinson-type shifts (Golub &amp; Van Loan,
/// "Matrix Computations", 8.3; the tred2/tql2 pair of EISPACK, as in JAMA). O(n³); for n = 1000 the
/// eigenvalues take about a second.
/// </summary>
/// <remarks>
/// Matrices are dense, row-major n x n. Only the symmetric part (M + Mᵀ)/2 of the input is used.
/// The reduction works on the upper triangle so every inner loop runs along a contiguous row.
/// </remarks>
public static class SymmetricEigen
{
    // A QL sweep converges cubically; 60 sweeps for one eigenvalue means the input is broken.
    private const int MaxSweeps = 60;

    /// <summary>The eigenvalues of the symmetric n x n <paramref name="matrix"/>, in descending order.</summary>
    public static double[] Eigenvalues(ReadOnlySpan<double> matrix, int n)
    {
        var a = UpperCopy(matrix, n);
        var d = new double[n];
        var e = new double[n];
        Tridiagonalize(a, n, d, e, null);
        DiagonalizeTridiagonal(d, e, null, n);
        Array.Sort(d, static (x, y) => y.CompareTo(x));
        return d;
    }

    /// <summary>Eigenvalues in descending order with their unit eigenvectors (one per row).</summary>
    public static EigenDecomposition Decompose(ReadOnlySpan<double> matrix, int n)
    {
        var a = UpperCopy(matrix, n);
        var d = new double[n];
        var e = new double[n];
        var betas = new double[n];
        Tridiagonalize(a, n, d, e, betas);
        var z = TransformTransposed(a, n, betas);
        DiagonalizeTridiagonal(d, e, z, n);

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (x, y) => d[y].CompareTo(d[x]));
        var values = new double[n];
        var vectors = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            values[k] = d[order[k]];
            z.AsSpan(order[k] * n, n).CopyTo(vectors.AsSpan(k * n, n));
        }
        return new EigenDecomposition(n, values, vectors);
    }

    private static double[] UpperCopy(ReadOnlySpan<double> matrix, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (matrix.Length != (long)n * n)
        {
            throw new ArgumentException($"expected {n} x {n} = {(long)n * n} values, got {matrix.Length}", nameof(matrix));
        }
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var v = 0.5 * (matrix[i * n + j] + matrix[j * n + i]);
                if (!double.IsFinite(v))
                {
                    throw new ArgumentException($"matrix entry ({i}, {j}) is NaN or infinite", nameof(matrix));
                }
                a[i * n + j] = v;
            }
        }
        return a;
    }

    // Householder reduction A = Q T Qᵀ on the upper triangle of a. For step k the reflector
    // H = I - β v vᵀ zeroes row k beyond column k+1; v overwrites that part of row k and β goes to
    // betas[k] when the caller wants Q. d gets the diagonal of T, e[i] couples d[i] and d[i+1].
    private static void Tridiagonalize(double[] a, int n, double[] d, double[] e, double[]? betas)
    {
        var p = new double[n];
        for (var k = 0; k < n - 2; k++)
        {
            var m = n - k - 1;
            d[k] = a[k * n + k];
            var v = a.AsSpan(k * n + k + 1, m);

            var scale = 0.0;
            for (var i = 1; i < m; i++)
            {
                scale = Math.Max(scale, Math.Abs(v[i]));
            }
            if (scale == 0)
            {
                // Row already tridiagonal: no reflection.
                e[k] = v[0];
                v.Clear();
                continue;
            }
            scale = Math.Max(scale, Math.Abs(v[0]));
            var norm2 = 0.0;
            for (var i = 0; i < m; i++)
            {
                v[i] /= scale;
                norm2 += v[i] * v[i];
            }
            var norm = Math.Sqrt(norm2);
            var x0 = v[0];
            var alpha = x0 >= 0 ? -norm : norm;   // sign opposite to x0: no cancellation in v0
            v[0] = x0 - alpha;
            var beta = 1.0 / (norm * (norm + Math.Abs(x0)));
            e[k] = alpha * scale;
            if (betas is not null)
            {
                betas[k] = beta;
            }

            // p = β A' v, A' the trailing block held as its upper triangle.
            var pk = p.AsSpan(0, m);
            pk.Clear();
            for (var r = 0; r < m; r++)
            {
                var row = a.AsSpan((k + 1 + r) * n + k + 1 + r, m - r);
                pk[r] += SymmetricProducts.Dot(row, v[r..]);
                SymmetricProducts.AddScaled(pk[(r + 1)..], v[r], row[1..]);
            }
            var pv = 0.0;
            for (var r = 0; r < m; r++)
            {
                pk[r] *= beta;
                pv += pk[r] * v[r];
            }
            // w = p - (β pᵀv / 2) v; A' -= v wᵀ + w vᵀ.
            var half = 0.5 * beta * pv;
            for (var r = 0; r < m; r++)
            {
                pk[r] -= half * v[r];
            }
            for (var r = 0; r < m; r++)
            {
                var row = a.AsSpan((k + 1 + r) * n + k + 1 + r, m - r);
                SymmetricProducts.AddScaled(row, -v[r], pk[r..]);
                SymmetricProducts.AddScaled(row, -pk[r], v[r..]);
            }
        }
        if (n >= 2)
        {
            d[n - 2] = a[(n - 2) * n + n - 2];
            e[n - 2] = a[(n - 2) * n + n - 1];
        }
        d[n - 1] = a[(n - 1) * n + n - 1];
        e[n - 1] = 0;
    }

    // Qᵀ from the stored reflectors, by backward accumulation Q = H_0 (H_1 (... H_{n-3})), each step
    // touching only the trailing block; then transposed so QL rotations act on contiguous rows.
    private static double[] TransformTransposed(double[] a, int n, double[] betas)
    {
        var q = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            q[i * n + i] = 1;
        }
        var w = new double[n];
        for (var k = n - 3; k >= 0; k--)
        {
            var beta = betas[k];
            if (beta == 0)
            {
                continue;
            }
            var m = n - k - 1;
            var v = a.AsSpan(k * n + k + 1, m);
            var wk = w.AsSpan(0, m);
            wk.Clear();
            for (var r = 0; r < m; r++)
            {
                SymmetricProducts.AddScaled(wk, v[r], q.AsSpan((k + 1 + r) * n + k + 1, m));
            }
            for (var r = 0; r < m; r++)
            {
                SymmetricProducts.AddScaled(q.AsSpan((k + 1 + r) * n + k + 1, m), -beta * v[r], wk);
            }
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                (q[i * n + j], q[j * n + i]) = (q[j * n + i], q[i * n + j]);
            }
        }
        return q;
    }

    // Implicit QL on the tridiagonal (d, e), after EISPACK tql2. z, when given, holds Qᵀ: every
    // rotation of columns i, i+1 of Q is applied to rows i, i+1 of z, which end as eigenvectors.
    private static void DiagonalizeTridiagonal(double[] d, double[] e, double[]? z, int n)
    {
        var eps = Math.Pow(2, -52);
        var shift = 0.0;
        var tst1 = 0.0;
        for (var l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            var m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * tst1)
            {
                m++;
            }
            if (m > l)
            {
                var sweeps = 0;
                do
                {
                    if (++sweeps > MaxSweeps)
                    {
                        throw new ArithmeticException($"QL iteration did not converge for eigenvalue {l}");
                    }
                    var g = d[l];
                    var p = (d[l + 1] - g) / (2 * e[l]);
                    var r = double.Hypot(p, 1);
                    if (p < 0)
                    {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    var dl1 = d[l + 1];
                    var h = g - d[l];
                    for (var i = l + 2; i < n; i++)
                    {
                        d[i] -= h;
                    }
                    shift += h;

                    p = d[m];
                    var c = 1.0;
                    var c2 = c;
                    var c3 = c;
                    var el1 = e[l + 1];
                    var s = 0.0;
                    var s2 = 0.0;
                    for (var i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = double.Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        if (z is not null)
                        {
                            Rotate(z.AsSpan(i * n, n), z.AsSpan((i + 1) * n, n), c, s);
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > eps * tst1);
            }
            d[l] += shift;
            e[l] = 0;
        }
    }

    // (lo, hi) <- (c·lo - s·hi, s·lo + c·hi), vectorised.
    private static void Rotate(Span<double> lo, Span<double> hi, double c, double s)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
            var vc = new Vector<double>(c);
            var vs = new Vector<double>(s);
            for (; k <= lo.Length - w; k += w)
            {
                var a = new Vector<double>(lo.Slice(k, w));
                var b = new Vector<double>(hi.Slice(k, w));
                (vc * a - vs * b).CopyTo(lo.Slice(k, w));
                (vs * a + vc * b).CopyTo(hi.Slice(k, w));
            }
        }
        for (; k < lo.Length; k++)
        {
            var a = lo[k];
            var b = hi[k];
            lo[k] = c * a - s * b;
            hi[k] = s * a + c * b;
        }
    }
}

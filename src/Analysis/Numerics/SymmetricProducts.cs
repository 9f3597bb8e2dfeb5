using System.Numerics;

namespace CapacityGrid.Analysis.Numerics;

/// <summary>
/// Dense kernels behind covariance and Gram matrices: sums of products of rows, vectorised with
/// <see cref="Vector{T}"/> and tiled so a block of rows stays in cache while it is reused.
/// </summary>
public static class SymmetricProducts
{
    // 32 rows of up to 256 doubles each (64 KB) per tile pair: fits L2 on anything current.
    private const int Tile = 32;

    /// <summary>
    /// target[i, j] += Σ_t x[i, t] · x[j, t] for i ≤ j (the upper triangle, diagonal included), where
    /// <paramref name="x"/> holds <paramref name="rows"/> rows of <paramref name="length"/> values and
    /// <paramref name="target"/> is rows x rows, row-major. Call <see cref="MirrorUpper"/> to fill the lower half.
    /// </summary>
    public static void AddUpper(ReadOnlySpan<double> x, int rows, int length, Span<double> target) =>
        AddUpper(x, rows, length, length, target);

    /// <summary>
    /// As <see cref="AddUpper(ReadOnlySpan{double}, int, int, Span{double})"/>, with row i of x starting at
    /// i · <paramref name="stride"/> (only the first <paramref name="length"/> values of each row are used).
    /// </summary>
    public static void AddUpper(ReadOnlySpan<double> x, int rows, int length, int stride, Span<double> target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, length);
        if (rows > 0 && (x.Length < (long)(rows - 1) * stride + length || target.Length < (long)rows * rows))
        {
            throw new ArgumentException($"need {rows} rows of {length} values and a {rows} x {rows} target");
        }
        for (var i0 = 0; i0 < rows; i0 += Tile)
        {
            var i1 = Math.Min(i0 + Tile, rows);
            for (var j0 = i0; j0 < rows; j0 += Tile)
            {
                var j1 = Math.Min(j0 + Tile, rows);
                for (var i = i0; i < i1; i++)
                {
                    var xi = x.Slice(i * stride, length);
                    var row = target.Slice(i * rows, rows);
                    for (var j = Math.Max(i, j0); j < j1; j++)
                    {
                        row[j] += Dot(xi, x.Slice(j * stride, length));
                    }
                }
            }
        }
    }

    /// <summary>Copies the upper triangle of the n x n row-major <paramref name="matrix"/> onto its lower triangle.</summary>
    public static void MirrorUpper(Span<double> matrix, int n)
    {
        for (var i = 1; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                matrix[i * n + j] = matrix[j * n + i];
            }
        }
    }

    /// <summary>Σ a_t b_t, vectorised.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        var t = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var w = Vector<double>.Count;
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            for (; t <= n - 2 * w; t += 2 * w)
            {
                acc0 += new Vector<double>(a.Slice(t, w)) * new Vector<double>(b.Slice(t, w));
                acc1 += new Vector<double>(a.Slice(t + w, w)) * new Vector<double>(b.Slice(t + w, w));
            }
            sum = Vector.Sum(acc0 + acc1);
        }
        for (; t < n; t++)
        {
            sum += a[t] * b[t];
        }
        return sum;
    }

    /// <summary>y += s · x, vectorised.</summary>
    public static void AddScaled(Span<double> y, double s, ReadOnlySpan<double> x)
    {
        var n = y.Length;
        var t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
            var vs = new Vector<double>(s);
            for (; t <= n - w; t += w)
            {
                (new Vector<double>(y.Slice(t, w)) + vs * new Vector<double>(x.Slice(t, w))).CopyTo(y.Slice(t, w));
            }
        }
        for (; t < n; t++)
        {
            y[t] += s * x[t];
        }
    }
}

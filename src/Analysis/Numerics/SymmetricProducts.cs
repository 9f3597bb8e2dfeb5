using System.Numerics;
using System.Runtime.InteropServices;

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
                var i = i0;
                // Two rows of x against four at a time: eight dot products share each load.
                for (; i + 1 < i1; i += 2)
                {
                    var j = Math.Max(i, j0);
                    for (; j + 3 < j1; j += 4)
                    {
                        AddBlock(x, i, j, length, stride, target, rows);
                    }
                    for (; j < j1; j++)
                    {
                        target[i * rows + j] += Dot(x.Slice(i * stride, length), x.Slice(j * stride, length));
                        if (j > i)
                        {
                            target[(i + 1) * rows + j] += Dot(x.Slice((i + 1) * stride, length), x.Slice(j * stride, length));
                        }
                    }
                }
                for (; i < i1; i++)
                {
                    var xi = x.Slice(i * stride, length);
                    for (var j = Math.Max(i, j0); j < j1; j++)
                    {
                        target[i * rows + j] += Dot(xi, x.Slice(j * stride, length));
                    }
                }
            }
        }
    }

    // target[r, c] += x_r · x_c for r in {i, i+1}, c in j..j+3, skipping (i+1, i) below the diagonal.
    private static void AddBlock(ReadOnlySpan<double> x, int i, int j, int length, int stride, Span<double> target, int rows)
    {
        var a0 = x.Slice(i * stride, length);
        var a1 = x.Slice((i + 1) * stride, length);
        var b0 = x.Slice(j * stride, length);
        var b1 = x.Slice((j + 1) * stride, length);
        var b2 = x.Slice((j + 2) * stride, length);
        var b3 = x.Slice((j + 3) * stride, length);
        var w = Vector<double>.Count;
        Vector<double> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector<double> s10 = default, s11 = default, s12 = default, s13 = default;
        var t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref var r0 = ref MemoryMarshal.GetReference(a0);
            ref var r1 = ref MemoryMarshal.GetReference(a1);
            ref var q0 = ref MemoryMarshal.GetReference(b0);
            ref var q1 = ref MemoryMarshal.GetReference(b1);
            ref var q2 = ref MemoryMarshal.GetReference(b2);
            ref var q3 = ref MemoryMarshal.GetReference(b3);
            for (; t <= length - w; t += w)
            {
                var o = (nuint)t;
                var v0 = Vector.LoadUnsafe(ref r0, o);
                var v1 = Vector.LoadUnsafe(ref r1, o);
                var u = Vector.LoadUnsafe(ref q0, o);
                s00 += v0 * u;
                s10 += v1 * u;
                u = Vector.LoadUnsafe(ref q1, o);
                s01 += v0 * u;
                s11 += v1 * u;
                u = Vector.LoadUnsafe(ref q2, o);
                s02 += v0 * u;
                s12 += v1 * u;
                u = Vector.LoadUnsafe(ref q3, o);
                s03 += v0 * u;
                s13 += v1 * u;
            }
        }
        Span<double> sums =
        [
            Vector.Sum(s00), Vector.Sum(s01), Vector.Sum(s02), Vector.Sum(s03),
            Vector.Sum(s10), Vector.Sum(s11), Vector.Sum(s12), Vector.Sum(s13),
        ];
        for (; t < length; t++)
        {
            for (var c = 0; c < 4; c++)
            {
                sums[c] += a0[t] * x[(j + c) * stride + t];
                sums[4 + c] += a1[t] * x[(j + c) * stride + t];
            }
        }
        var row0 = target.Slice(i * rows + j, 4);
        var row1 = target.Slice((i + 1) * rows + j, 4);
        for (var c = 0; c < 4; c++)
        {
            row0[c] += sums[c];
            if (j + c > i)
            {
                row1[c] += sums[4 + c];
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

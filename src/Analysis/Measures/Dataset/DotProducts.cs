using System.Numerics;
using System.Runtime.InteropServices;

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// A block of the Gram matrix X Xᵀ of row-major points: the dot products of a run of rows with a run of
/// columns. Register tiles of 4 x 2 rows keep eight SIMD accumulators in flight, so the loads of one row
/// serve two products and the FMA latency is hidden.
/// </summary>
internal static class DotProducts
{
    /// <summary>
    /// tile[r * tileStride + c] = x_(row0 + r) · x_(column0 + c) for r &lt; rows, c &lt; columns.
    /// </summary>
    public static void Block(float[] points, int dimensions, int row0, int rows, int column0, int columns, float[] tile, int tileStride)
    {
        var r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            var c = 0;
            for (; c + 2 <= columns; c += 2)
            {
                FourByTwo(points, dimensions, row0 + r, column0 + c, tile, r * tileStride + c, tileStride);
            }
            for (; c < columns; c++)
            {
                for (var q = 0; q < 4; q++)
                {
                    tile[(r + q) * tileStride + c] = Dot(points, dimensions, row0 + r + q, column0 + c);
                }
            }
        }
        for (; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                tile[r * tileStride + c] = Dot(points, dimensions, row0 + r, column0 + c);
            }
        }
    }

    /// <summary>x_a · x_b.</summary>
    public static float Dot(float[] points, int dimensions, int a, int b)
    {
        ref var pa = ref MemoryMarshal.GetArrayDataReference(points);
        var oa = (nuint)a * (nuint)dimensions;
        var ob = (nuint)b * (nuint)dimensions;
        var w = Vector<float>.Count;
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= dimensions - w; i += w)
        {
            sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref pa, oa + (nuint)i), Vector.LoadUnsafe(ref pa, ob + (nuint)i), sum);
        }
        var s = Vector.Sum(sum);
        for (; i < dimensions; i++)
        {
            s += points[(int)oa + i] * points[(int)ob + i];
        }
        return s;
    }

    private static void FourByTwo(float[] points, int dimensions, int a, int b, float[] tile, int at, int stride)
    {
        ref var p = ref MemoryMarshal.GetArrayDataReference(points);
        var d = (nuint)dimensions;
        nuint a0 = (nuint)a * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
        nuint b0 = (nuint)b * d, b1 = b0 + d;
        Vector<float> s00 = default, s01 = default, s10 = default, s11 = default;
        Vector<float> s20 = default, s21 = default, s30 = default, s31 = default;
        var w = Vector<float>.Count;
        var i = 0;
        for (; i <= dimensions - w; i += w)
        {
            var o = (nuint)i;
            var y0 = Vector.LoadUnsafe(ref p, b0 + o);
            var y1 = Vector.LoadUnsafe(ref p, b1 + o);
            var x = Vector.LoadUnsafe(ref p, a0 + o);
            s00 = Vector.MultiplyAddEstimate(x, y0, s00);
            s01 = Vector.MultiplyAddEstimate(x, y1, s01);
            x = Vector.LoadUnsafe(ref p, a1 + o);
            s10 = Vector.MultiplyAddEstimate(x, y0, s10);
            s11 = Vector.MultiplyAddEstimate(x, y1, s11);
            x = Vector.LoadUnsafe(ref p, a2 + o);
            s20 = Vector.MultiplyAddEstimate(x, y0, s20);
            s21 = Vector.MultiplyAddEstimate(x, y1, s21);
            x = Vector.LoadUnsafe(ref p, a3 + o);
            s30 = Vector.MultiplyAddEstimate(x, y0, s30);
            s31 = Vector.MultiplyAddEstimate(x, y1, s31);
        }
        float t00 = Vector.Sum(s00), t01 = Vector.Sum(s01), t10 = Vector.Sum(s10), t11 = Vector.Sum(s11);
        float t20 = Vector.Sum(s20), t21 = Vector.Sum(s21), t30 = Vector.Sum(s30), t31 = Vector.Sum(s31);
        for (; i < dimensions; i++)
        {
            var o = (nuint)i;
            float y0 = Read(ref p, b0 + o), y1 = Read(ref p, b1 + o);
            float x0 = Read(ref p, a0 + o), x1 = Read(ref p, a1 + o), x2 = Read(ref p, a2 + o), x3 = Read(ref p, a3 + o);
            t00 += x0 * y0;
            t01 += x0 * y1;
            t10 += x1 * y0;
            t11 += x1 * y1;
            t20 += x2 * y0;
            t21 += x2 * y1;
            t30 += x3 * y0;
            t31 += x3 * y1;
        }
        tile[at] = t00;
        tile[at + 1] = t01;
        tile[at + stride] = t10;
        tile[at + stride + 1] = t11;
        tile[at + 2 * stride] = t20;
        tile[at + 2 * stride + 1] = t21;
        tile[at + 3 * stride] = t30;
        tile[at + 3 * stride + 1] = t31;
    }

    private static float Read(ref float start, nuint offset) => System.Runtime.CompilerServices.Unsafe.Add(ref start, offset);
}

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// The Euclidean distances from every point to its <see cref="K"/> nearest other points, ascending -
/// the input of the TwoNN and MLE intrinsic-dimension estimators.
/// </summary>
/// <remarks>
/// The search computes squared distances as ‖a‖² + ‖b‖² - 2 a·b from blocks of the Gram matrix
/// (<see cref="RowBlock"/> x <see cref="ColumnBlock"/> at a time, so memory stays bounded), after centring
/// the points to keep the float products accurate; blocks of rows run in parallel. A point's own index is
/// skipped, its duplicates are not. The float form can misorder candidates whose distances differ by
/// rounding, and cannot return an exact 0 for a duplicate, so the best K + 2 candidates are re-measured
/// exactly in double from the original coordinates and the K smallest kept: exact duplicates come out
/// at exactly 0.
/// </remarks>
public sealed class NearestNeighbours
{
    /// <summary>Rows whose candidate lists one task keeps.</summary>
    public const int RowBlock = 64;

    /// <summary>Columns per Gram block: 256 rows of 784 floats is 800 KB, within a core's L2.</summary>
    public const int ColumnBlock = 256;

    private const int ExtraCandidates = 2;

    private readonly double[] _distances;

    private NearestNeighbours(double[] distances, int count, int k)
    {
        _distances = distances;
        Count = count;
        K = k;
    }

    /// <summary>Number of points.</summary>
    public int Count { get; }

    /// <summary>Neighbours kept per point.</summary>
    public int K { get; }

    /// <summary>Distances from <paramref name="point"/> to its K nearest other points, ascending.</summary>
    public ReadOnlySpan<double> Of(int point) => _distances.AsSpan(point * K, K);

    /// <summary>Finds the <paramref name="k"/> nearest neighbours of each of the row-major <paramref name="points"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than k + 1 points, a ragged array, or a NaN or infinite coordinate.</exception>
    public static NearestNeighbours Find(float[] points, int dimensions, int k, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (points.Length % dimensions != 0)
        {
            throw new ArgumentException($"{points.Length} values do not make rows of {dimensions}", nameof(points));
        }
        var n = points.Length / dimensions;
        if (n <= k)
        {
            throw new ArgumentException($"{k} neighbours need at least {k + 1} points, got {n}", nameof(points));
        }
        var centred = Centred(points, n, dimensions);
        var norms = new float[n];
        for (var i = 0; i < n; i++)
        {
            norms[i] = DotProducts.Dot(centred, dimensions, i, i);
        }
        var candidates = Math.Min(k + ExtraCandidates, n - 1);
        var distances = new double[n * k];
        var blocks = (n + RowBlock - 1) / RowBlock;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, blocks, options, () => new Workspace(candidates), (block, _, work) =>
        {
            var row0 = block * RowBlock;
            var rows = Math.Min(RowBlock, n - row0);
            work.Reset(rows);
            for (var column0 = 0; column0 < n; column0 += ColumnBlock)
            {
                var columns = Math.Min(ColumnBlock, n - column0);
                DotProducts.Block(centred, dimensions, row0, rows, column0, columns, work.Tile, ColumnBlock);
                for (var r = 0; r < rows; r++)
                {
                    var i = row0 + r;
                    for (var c = 0; c < columns; c++)
                    {
                        var j = column0 + c;
                        if (j != i)
                        {
                            work.Offer(r, norms[i] + norms[j] - 2 * work.Tile[r * ColumnBlock + c], j);
                        }
                    }
                }
            }
            for (var r = 0; r < rows; r++)
            {
                work.Refine(r, points, dimensions, row0 + r, distances.AsSpan((row0 + r) * k, k));
            }
            return work;
        }, _ => { });
        return new NearestNeighbours(distances, n, k);
    }

    private static float[] Centred(float[] points, int n, int d)
    {
        var means = new double[d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var v = points[i * d + j];
                if (!float.IsFinite(v))
                {
                    throw new ArgumentException($"coordinate {j} of point {i} is {v}", nameof(points));
                }
                means[j] += v;
            }
        }
        var centred = new float[points.Length];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                centred[i * d + j] = (float)(points[i * d + j] - means[j] / n);
            }
        }
        return centred;
    }

    /// <summary>One thread's buffers: a Gram tile and, per row, its best candidates by approximate squared distance.</summary>
    private sealed class Workspace(int candidates)
    {
        private readonly float[] _best = new float[RowBlock * candidates];
        private readonly int[] _index = new int[RowBlock * candidates];
        private readonly int[] _filled = new int[RowBlock];
        private readonly double[] _exact = new double[candidates];

        public float[] Tile { get; } = new float[RowBlock * ColumnBlock];

        public void Reset(int rows) => Array.Clear(_filled, 0, rows);

        /// <summary>Inserts (d2, j) into row r's ascending list if it beats the worst kept.</summary>
        public void Offer(int r, float d2, int j)
        {
            var start = r * candidates;
            var filled = _filled[r];
            if (filled == candidates && d2 >= _best[start + filled - 1])
            {
                return;
            }
            var at = filled == candidates ? filled - 1 : filled;
            while (at > 0 && _best[start + at - 1] > d2)
            {
                _best[start + at] = _best[start + at - 1];
                _index[start + at] = _index[start + at - 1];
                at--;
            }
            _best[start + at] = d2;
            _index[start + at] = j;
            _filled[r] = Math.Min(filled + 1, candidates);
        }

        /// <summary>Exact distances of row r's candidates from the original coordinates; the smallest go to <paramref name="output"/>.</summary>
        public void Refine(int r, float[] points, int d, int i, Span<double> output)
        {
            var a = points.AsSpan(i * d, d);
            for (var q = 0; q < candidates; q++)
            {
                var b = points.AsSpan(_index[r * candidates + q] * d, d);
                var s = 0.0;
                for (var t = 0; t < d; t++)
                {
                    var diff = (double)a[t] - b[t];
                    s += diff * diff;
                }
                _exact[q] = Math.Sqrt(s);
            }
            Array.Sort(_exact);
            _exact.AsSpan(0, output.Length).CopyTo(output);
        }
    }
}

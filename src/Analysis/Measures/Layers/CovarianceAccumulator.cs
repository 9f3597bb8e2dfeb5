using CapacityGrid.Analysis.Numerics;

namespace CapacityGrid.Analysis.Measures.Layers;

/// <summary>
/// Online covariance of a layer's output over a pass, in float64, as Delve's TorchCovarianceMatrix
/// (Richter et al., "Feature Space Saturation during Training", 2021): Q = (1/n) Σ a aᵀ - μ μᵀ.
/// </summary>
/// <remarks>
/// <para>Keep one accumulator per layer and pass (train apart from eval) and <see cref="Reset"/> it when a
/// pass starts. Not thread-safe.</para>
/// <para>Batches are transposed into a feature-major float64 buffer of up to 256 observations and folded into
/// Σ a aᵀ by a tiled, vectorised product (<see cref="SymmetricProducts"/>): O(n·width²) per pass, the target
/// touched once per 256 observations. Observations are shifted by the first one seen after a reset before
/// accumulating; covariance is shift-invariant, so this is Delve's Q in exact arithmetic while avoiding the
/// cancellation of (1/n) Σ a aᵀ - μ μᵀ when the mean is large against the spread.</para>
/// </remarks>
public sealed class CovarianceAccumulator
{
    private const int Chunk = 256;

    private readonly double[] _products;   // Σ (a-K)(a-K)ᵀ, upper triangle, width x width
    private readonly double[] _sums;       // Σ (a-K)
    private readonly double[] _shift;      // K: the first observation after a reset
    private readonly double[] _chunk;      // width x Chunk, feature-major
    private int _filled;
    private bool _shifted;

    /// <summary>An empty accumulator for a layer of <paramref name="width"/> features.</summary>
    public CovarianceAccumulator(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Width = width;
        _products = new double[(long)width * width];
        _sums = new double[width];
        _shift = new double[width];
        _chunk = new double[(long)width * Chunk];
    }

    /// <summary>Features per observation.</summary>
    public int Width { get; }

    /// <summary>Observations accumulated since the last reset.</summary>
    public long Count { get; private set; }

    /// <summary>Forgets everything accumulated: call at the start of each pass.</summary>
    public void Reset()
    {
        Array.Clear(_products);
        Array.Clear(_sums);
        _filled = 0;
        _shifted = false;
        Count = 0;
    }

    /// <summary>Adds a batch of observations, row-major: batch x <see cref="Width"/>.</summary>
    public void Add(ReadOnlySpan<float> batch)
    {
        if (batch.Length % Width != 0)
        {
            throw new ArgumentException($"{batch.Length} values are not whole rows of {Width}", nameof(batch));
        }
        var rows = batch.Length / Width;
        for (var s = 0; s < rows; s++)
        {
            var row = batch.Slice(s * Width, Width);
            SetShiftOnce(row, 1);
            for (var f = 0; f < Width; f++)
            {
                _chunk[f * Chunk + _filled] = row[f] - _shift[f];
            }
            if (++_filled == Chunk)
            {
                Flush();
            }
        }
        Flush();
    }

    /// <summary>
    /// Adds a convolutional layer's output, samples x <see cref="Width"/> channels x positions (NCHW flattened):
    /// channels are the features and every (sample, position) is one observation, as Delve does.
    /// </summary>
    public void AddChannels(ReadOnlySpan<float> activations, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        if (activations.Length % ((long)samples * Width) != 0)
        {
            throw new ArgumentException($"{activations.Length} values are not {samples} samples of {Width} channels", nameof(activations));
        }
        var positions = activations.Length / (samples * Width);
        for (var b = 0; b < samples; b++)
        {
            var sample = activations.Slice(b * Width * positions, Width * positions);
            SetShiftOnce(sample, positions);
            for (var p = 0; p < positions;)
            {
                var n = Math.Min(Chunk - _filled, positions - p);
                for (var c = 0; c < Width; c++)
                {
                    var source = sample.Slice(c * positions + p, n);
                    var target = _chunk.AsSpan(c * Chunk + _filled, n);
                    var k = _shift[c];
                    for (var t = 0; t < n; t++)
                    {
                        target[t] = source[t] - k;
                    }
                }
                p += n;
                _filled += n;
                if (_filled == Chunk)
                {
                    Flush();
                }
            }
        }
        Flush();
    }

    /// <summary>Q = (1/n) Σ a aᵀ - μ μᵀ, width x width row-major. Throws before any observation.</summary>
    public double[] Covariance()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("no observations since the last reset");
        }
        var n = (double)Count;
        var q = new double[_products.Length];
        for (var i = 0; i < Width; i++)
        {
            var mi = _sums[i] / n;
            for (var j = i; j < Width; j++)
            {
                q[i * Width + j] = _products[i * Width + j] / n - mi * (_sums[j] / n);
            }
        }
        SymmetricProducts.MirrorUpper(q, Width);
        return q;
    }

    /// <summary>Eigenvalues of <see cref="Covariance"/>, clipped at 0, in descending order.</summary>
    public double[] Eigenvalues()
    {
        var values = SymmetricEigen.Eigenvalues(Covariance(), Width);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Max(values[i], 0);
        }
        return values;
    }

    // K is observation 0 of the first call after a reset; stride picks feature f at f·stride.
    private void SetShiftOnce(ReadOnlySpan<float> first, int stride)
    {
        if (_shifted)
        {
            return;
        }
        for (var f = 0; f < Width; f++)
        {
            var v = first[f * stride];
            if (!float.IsFinite(v))
            {
                throw new ArgumentException("activations contain NaN or infinity");
            }
            _shift[f] = v;
        }
        _shifted = true;
    }

    private void Flush()
    {
        if (_filled == 0)
        {
            return;
        }
        SymmetricProducts.AddUpper(_chunk, Width, _filled, Chunk, _products);
        for (var f = 0; f < Width; f++)
        {
            var row = _chunk.AsSpan(f * Chunk, _filled);
            var s = 0.0;
            foreach (var v in row)
            {
                s += v;
            }
            _sums[f] += s;
        }
        Count += _filled;
        _filled = 0;
    }
}

using CapacityGrid.Analysis.Measures.Dataset;
using CapacityGrid.Analysis.Measures.Layers;
using CapacityGrid.Analysis.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Tracking;

/// <summary>
/// The covariance accumulators of one evaluation pass (train or test): one <see cref="CovarianceAccumulator"/> per
/// hidden layer, fed the pre-activation batches the pass computes anyway. Optionally only a fixed seeded subset of
/// the pass's rows is fed, picked out of each batch. Not thread-safe.
/// </summary>
internal sealed class PassCovariance
{
    private readonly CovarianceAccumulator[] _layers;
    private readonly float[][] _buffers;
    private readonly int[]? _rows;
    private bool _finite = true;

    /// <summary>Accumulators for layers of <paramref name="widths"/> over a pass of <paramref name="samples"/> rows, all or <paramref name="maxRows"/> of them.</summary>
    public PassCovariance(IReadOnlyList<int> widths, int samples, int? maxRows, int seed)
    {
        _layers = [.. widths.Select(w => new CovarianceAccumulator(w))];
        _buffers = [.. widths.Select(_ => Array.Empty<float>())];
        _rows = maxRows is { } max && max < samples ? RowSample.Choose(samples, max, seed) : null;
    }

    /// <summary>Forgets the previous pass.</summary>
    public void Reset()
    {
        foreach (var layer in _layers)
        {
            layer.Reset();
        }
        _finite = true;
    }

    /// <summary>Adds the pre-activation (batch x width) of hidden layer <paramref name="layer"/> for the pass's rows from <paramref name="batchStart"/> on.</summary>
    public void Add(int layer, Tensor pre, long batchStart)
    {
        if (!_finite)
        {
            return;
        }
        using var scope = NewDisposeScope();
        var rows = (int)pre.shape[0];
        var picked = pre;
        if (_rows is not null)
        {
            var from = LowerBound(_rows, batchStart);
            var to = LowerBound(_rows, batchStart + rows);
            if (from == to)
            {
                return;
            }
            var offsets = new long[to - from];
            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = _rows[from + i] - batchStart;
            }
            rows = offsets.Length;
            picked = pre.index_select(0, tensor(offsets, device: pre.device));
        }
        if (picked.device_type != DeviceType.CPU)
        {
            picked = picked.cpu();
        }
        var accumulator = _layers[layer];
        var length = rows * accumulator.Width;
        if (_buffers[layer].Length < length)
        {
            _buffers[layer] = new float[length];
        }
        var values = _buffers[layer];
        TensorFloats.CopyTo(picked, values);
        // The first row becomes the accumulator's shift and must be finite; a pass with NaN activations
        // belongs to a diverged run, whose measures nobody reads.
        if (accumulator.Count == 0 && !AllFinite(values.AsSpan(0, accumulator.Width)))
        {
            _finite = false;
            return;
        }
        accumulator.Add(values.AsSpan(0, length));
    }

    /// <summary>Delve saturation of each layer over the pass; null for a layer that saw no rows or non-finite values.</summary>
    public LayerSaturation?[] Saturations(double delta) =>
        [.. _layers.Select(a => _finite && a.Count > 0 && AllFinite(a.Covariance()) ? DelveSaturation.Of(a, delta) : null)];

    private static int LowerBound(int[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }
        return true;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }
        return true;
    }
}

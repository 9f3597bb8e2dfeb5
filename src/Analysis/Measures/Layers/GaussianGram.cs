using CapacityGrid.Analysis.Numerics;

namespace CapacityGrid.Analysis.Measures.Layers;

/// <summary>
/// Normalised Gaussian Gram matrices for the matrix-based Rényi entropy (Giraldo, Rao &amp; Principe,
/// "Measures of entropy from data using infinitely divisible kernels", IEEE Trans. Inf. Theory 2014;
/// Yu, Wickstrøm, Jenssen &amp; Principe, "Understanding convolutional neural networks with information
/// theory: an initial exploration", IEEE TNNLS 2020): K_ij = exp(-‖x_i - x_j‖² / (2σ²)),
/// A_ij = K_ij / (n·√(K_ii K_jj)) = K_ij / n, so tr A = 1.
/// </summary>
/// <remarks>
/// σ sets what "the same" means, so compare entropies only at one σ: compute it once (for instance with
/// <see cref="SilvermanWidth"/> on the first epoch's batch size and dimension) and hold it fixed across epochs.
/// </remarks>
public static class GaussianGram
{
    /// <summary>
    /// Silverman-type kernel width σ = γ · n^(-1/(4+d)) for n samples of d z-scored features
    /// (Silverman 1986 with the unit-variance constant folded into γ; the rule Giraldo et al. and Yu et al. use).
    /// </summary>
    public static double SilvermanWidth(int samples, int dimensions, double gamma = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gamma, 0);
        return gamma * Math.Pow(samples, -1.0 / (4 + dimensions));
    }

    /// <summary>
    /// Each column of the row-major <paramref name="samples"/> x d data shifted to mean 0 and scaled to
    /// (population) variance 1; a constant column becomes 0.
    /// </summary>
    public static double[] Standardize(ReadOnlySpan<float> data, int samples)
    {
        var d = Columns(data.Length, samples);
        var z = new double[data.Length];
        for (var f = 0; f < d; f++)
        {
            var mean = 0.0;
            for (var i = 0; i < samples; i++)
            {
                mean += data[i * d + f];
            }
            mean /= samples;
            var variance = 0.0;
            for (var i = 0; i < samples; i++)
            {
                var c = data[i * d + f] - mean;
                variance += c * c;
            }
            variance /= samples;
            var scale = variance > 0 ? 1 / Math.Sqrt(variance) : 0;
            for (var i = 0; i < samples; i++)
            {
                z[i * d + f] = (data[i * d + f] - mean) * scale;
            }
        }
        return z;
    }

    /// <summary>The normalised Gram A (n x n, row-major, tr A = 1) of the rows of <paramref name="data"/>.</summary>
    public static double[] Of(ReadOnlySpan<double> data, int samples, double sigma)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sigma, 0);
        var d = Columns(data.Length, samples);
        // ‖x_i - x_j‖² = ‖x_i‖² + ‖x_j‖² - 2 x_i·x_j, the dot products from the tiled kernel.
        var dots = new double[(long)samples * samples];
        SymmetricProducts.AddUpper(data, samples, d, dots);
        var a = new double[dots.Length];
        var scale = -1 / (2 * sigma * sigma);
        for (var i = 0; i < samples; i++)
        {
            a[i * samples + i] = 1.0 / samples;
            for (var j = i + 1; j < samples; j++)
            {
                var distance2 = Math.Max(dots[i * samples + i] + dots[j * samples + j] - 2 * dots[i * samples + j], 0);
                var k = Math.Exp(scale * distance2) / samples;
                a[i * samples + j] = k;
                a[j * samples + i] = k;
            }
        }
        return a;
    }

    /// <summary>
    /// The normalised Gram of class labels taken as one-hot vectors: K = 1 within a class and
    /// exp(-1/σ²) across classes (one-hot vectors of different classes are √2 apart).
    /// </summary>
    public static double[] OfLabels(ReadOnlySpan<int> labels, int classes, double sigma)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sigma, 0);
        var n = labels.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        foreach (var y in labels)
        {
            if ((uint)y >= (uint)classes)
            {
                throw new ArgumentException($"label {y} is outside [0, {classes})", nameof(labels));
            }
        }
        var across = Math.Exp(-1 / (sigma * sigma)) / n;
        var a = new double[(long)n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i * n + j] = labels[i] == labels[j] ? 1.0 / n : across;
            }
        }
        return a;
    }

    private static int Columns(int length, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        if (length == 0 || length % samples != 0)
        {
            throw new ArgumentException($"{length} values are not {samples} rows of at least one feature");
        }
        return length / samples;
    }
}

using CapacityGrid.Analysis.Numerics;

namespace CapacityGrid.Analysis.Measures.Layers;

/// <summary>
/// Matrix-based Rényi α-entropy (Giraldo, Rao &amp; Principe 2014) and the mutual information built on it
/// (Yu et al. 2019/2020): S_α(A) = 1/(1-α) · log2 Σ λ_i(A)^α over the eigenvalues of a normalised Gram
/// (<see cref="GaussianGram"/>), joint entropy from the Hadamard product, I(A;B) = S(A) + S(B) - S(A,B).
/// </summary>
/// <remarks>
/// 0 ≤ S_α ≤ log2 n. α → 1 gives the von Neumann (Shannon-like) entropy -Σ λ log2 λ, which α = 1 computes
/// exactly; α = 1.01 is the common stand-in. One n x n eigenvalue problem per entropy: O(n³), so batches of a
/// few hundred to a thousand samples.
/// </remarks>
public static class MatrixRenyiEntropy
{
    /// <summary>α close to 1, approximating Shannon entropy (as in Yu et al.).</summary>
    public const double DefaultAlpha = 1.01;

    /// <summary>S_α of the n x n positive semi-definite <paramref name="gram"/>, normalised here by its trace; in bits.</summary>
    public static double Entropy(ReadOnlySpan<double> gram, int n, double alpha = DefaultAlpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(alpha, 0);
        var trace = 0.0;
        for (var i = 0; i < n; i++)
        {
            trace += gram[i * n + i];
        }
        if (!(trace > 0))
        {
            throw new ArgumentException("the Gram matrix has no positive trace", nameof(gram));
        }
        var eigenvalues = SymmetricEigen.Eigenvalues(gram, n);
        if (alpha == 1)
        {
            var h = 0.0;
            foreach (var l in eigenvalues)
            {
                var p = l / trace;
                if (p > 0)
                {
                    h -= p * Math.Log2(p);
                }
            }
            return h;
        }
        var sum = 0.0;
        foreach (var l in eigenvalues)
        {
            if (l > 0)
            {
                sum += Math.Pow(l / trace, alpha);
            }
        }
        return Math.Log2(sum) / (1 - alpha);
    }

    /// <summary>Joint entropy S_α(A, B) = S_α(A∘B / tr(A∘B)) of two Grams over the same n samples.</summary>
    public static double JointEntropy(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, double alpha = DefaultAlpha)
    {
        if (a.Length != (long)n * n || b.Length != a.Length)
        {
            throw new ArgumentException($"both Grams must be {n} x {n}");
        }
        var product = new double[a.Length];
        for (var i = 0; i < product.Length; i++)
        {
            product[i] = a[i] * b[i];
        }
        return Entropy(product, n, alpha);
    }

    /// <summary>I_α(A; B) = S_α(A) + S_α(B) - S_α(A, B), in bits.</summary>
    public static double MutualInformation(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, double alpha = DefaultAlpha) =>
        Entropy(a, n, alpha) + Entropy(b, n, alpha) - JointEntropy(a, b, n, alpha);
}

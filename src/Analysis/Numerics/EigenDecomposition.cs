namespace CapacityGrid.Analysis.Numerics;

/// <summary>
/// Eigenvalues of a symmetric n x n matrix in descending order, with unit eigenvectors:
/// row k of <see cref="Vectors"/> (row-major, n x n) belongs to <see cref="Values"/>[k].
/// </summary>
public sealed record EigenDecomposition(int N, double[] Values, double[] Vectors)
{
    /// <summary>The unit eigenvector for <see cref="Values"/>[<paramref name="k"/>].</summary>
    public ReadOnlySpan<double> Vector(int k) => Vectors.AsSpan(k * N, N);
}

using CapacityGrid.Analysis.Measures.Layers;

namespace CapacityGrid.Analysis.Measures.Probes;

/// <summary>
/// The Gaussian kernel widths σ of the matrix-based Rényi measures: one for the (z-scored) input, one per hidden
/// layer (z-scored activations) and one for the one-hot labels. Entropies are only comparable at one σ, so a
/// caller computes these once and holds them fixed across epochs.
/// </summary>
/// <param name="Input">σ of the input features.</param>
/// <param name="Layers">σ of each hidden layer, input side first.</param>
/// <param name="Labels">σ of the one-hot labels.</param>
public sealed record KernelWidths(double Input, double[] Layers, double Labels)
{
    /// <summary>
    /// σ = γ·√d·n^(-1/(4+d)) for n samples of d z-scored features: Silverman's rule per dimension
    /// (<see cref="GaussianGram.SilvermanWidth"/>) with γ scaled by √d.
    /// </summary>
    /// <remarks>
    /// The √d is our choice: squared distances between z-scored points grow as 2d, so with a σ near 1 the Gram of
    /// any layer wider than a handful of units is the identity and every entropy is log2 n. Scaling σ by √d keeps
    /// the typical kernel value near e^-1 at every width.
    /// </remarks>
    public static KernelWidths Silverman(int samples, int inputDim, IReadOnlyList<int> hidden, double gamma = 1.0, double labels = 0.1)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(labels, 0);
        double Width(int d) => GaussianGram.SilvermanWidth(samples, d, gamma * Math.Sqrt(d));
        return new KernelWidths(Width(inputDim), [.. hidden.Select(Width)], labels);
    }
}

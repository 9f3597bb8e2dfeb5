namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// A power-law fit p(λ) ∝ λ^-α to the tail of an eigenvalue spectrum (see <see cref="PowerLawFit"/>).
/// </summary>
/// <param name="Alpha">The exponent α at the chosen xmin; null when no fit was possible.</param>
/// <param name="Sigma">Its standard error (α - 1)/√n, n the tail size.</param>
/// <param name="XMin">The smallest eigenvalue of the fitted tail.</param>
/// <param name="TailCount">Eigenvalues ≥ XMin (n).</param>
/// <param name="KsDistance">Kolmogorov-Smirnov distance between the fitted power law and the tail.</param>
/// <param name="EigenvalueCount">Eigenvalues that entered the fit (above the zero threshold).</param>
/// <param name="InvalidReason">Why α should not be read (too few eigenvalues, no fit); null when it is valid.</param>
public sealed record PowerLawAlpha(
    double? Alpha,
    double? Sigma,
    double? XMin,
    int TailCount,
    double? KsDistance,
    int EigenvalueCount,
    string? InvalidReason)
{
    /// <summary>True when α was fitted on enough eigenvalues to mean something.</summary>
    public bool IsValid => InvalidReason is null;
}

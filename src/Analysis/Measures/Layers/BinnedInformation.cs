namespace CapacityGrid.Analysis.Measures.Layers;

/// <summary>Binned information plane coordinates of one layer (see <see cref="BinnedMutualInformation"/>).</summary>
/// <param name="InputBits">I(X;T) = H(T_bin), in bits: the inputs are taken as distinct and the layer as deterministic.</param>
/// <param name="LabelBits">I(T;Y) = H(T_bin) - Σ_y p(y) H(T_bin | y), in bits.</param>
/// <param name="Patterns">Distinct binned activation patterns seen.</param>
/// <param name="Samples">Rows measured.</param>
public sealed record BinnedInformation(double InputBits, double LabelBits, int Patterns, int Samples);

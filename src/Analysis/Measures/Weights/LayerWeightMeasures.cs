namespace CapacityGrid.Analysis.Measures.Weights;

/// <summary>
/// Every weight measure of one layer (MEASURES.md, "Model (weights)"). Values that cannot be computed
/// are null, with the reason in the matching *Note; no value is ever NaN.
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Rows">Outputs.</param>
/// <param name="Cols">Inputs.</param>
/// <param name="ParameterCount">Weights plus biases.</param>
/// <param name="WeightCount">Weights only; entropy and compression are measured on these.</param>
/// <param name="EntropyBitsPerWeight">Shannon entropy of the quantized weights, bits per weight.</param>
/// <param name="EntropyBits">EntropyBitsPerWeight · WeightCount.</param>
/// <param name="Compressed">Lossless-compressed size of the quantized weights.</param>
/// <param name="StableRank">Σλ / λ_max, λ = σ².</param>
/// <param name="EffectiveRank">Roy-Vetterli effective rank on σ.</param>
/// <param name="RankNote">Why the ranks are null.</param>
/// <param name="PowerLaw">The WeightWatcher α fit, with its own validity flag.</param>
/// <param name="Alpha">PowerLaw.Alpha when the fit is valid; null otherwise.</param>
/// <param name="AlphaNote">Why <paramref name="Alpha"/> is null.</param>
public sealed record LayerWeightMeasures(
    string Name,
    int Rows,
    int Cols,
    long ParameterCount,
    long WeightCount,
    double EntropyBitsPerWeight,
    double EntropyBits,
    CompressedSize Compressed,
    double? StableRank,
    double? EffectiveRank,
    string? RankNote,
    PowerLawAlpha PowerLaw,
    double? Alpha,
    string? AlphaNote)
{
    /// <summary>Measures one layer, quantizing to <paramref name="bins"/> levels for entropy and compression.</summary>
    public static LayerWeightMeasures Of(WeightMatrix layer, int bins = WeightEntropy.DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(layer);
        layer.Validated();
        var bitsPerWeight = WeightEntropy.BitsPerWeight(layer.Values, bins);
        var eigenvalues = WeightSpectrum.Eigenvalues(layer);
        var stable = WeightSpectrum.StableRank(eigenvalues);
        var effective = WeightSpectrum.EffectiveRank(eigenvalues);
        var fit = PowerLawFit.Fit(eigenvalues);
        return new LayerWeightMeasures(
            layer.Name,
            layer.Rows,
            layer.Cols,
            layer.ParameterCount,
            layer.Values.Length,
            bitsPerWeight,
            bitsPerWeight * layer.Values.Length,
            WeightCompression.Measure(layer.Values, bins),
            stable,
            effective,
            stable is null ? "all singular values are zero" : null,
            fit,
            fit.IsValid ? fit.Alpha : null,
            fit.InvalidReason);
    }
}

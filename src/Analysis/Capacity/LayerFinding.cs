namespace CapacityGrid.Analysis.Capacity;

/// <summary>A verdict on one hidden layer of one configuration (see <see cref="LayerVerdicts"/>).</summary>
/// <param name="Configuration">The configuration's key.</param>
/// <param name="LayerIndex">0-based hidden layer.</param>
/// <param name="Layer">Layer name.</param>
/// <param name="Kind">Bottleneck or oversized.</param>
/// <param name="Evidence">One readable sentence.</param>
/// <param name="Numbers">The values behind the sentence, by name.</param>
/// <param name="PointIds">The grid points of both configurations compared.</param>
/// <param name="Valid">False when the evidence is thin.</param>
/// <param name="ValidityNote">Why the evidence is thin, else null.</param>
public sealed record LayerFinding(
    string Configuration,
    int LayerIndex,
    string Layer,
    LayerVerdictKind Kind,
    string Evidence,
    IReadOnlyDictionary<string, double> Numbers,
    IReadOnlyList<string> PointIds,
    bool Valid,
    string? ValidityNote);

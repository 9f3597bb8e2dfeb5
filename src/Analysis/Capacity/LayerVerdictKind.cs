namespace CapacityGrid.Analysis.Capacity;

/// <summary>What a <see cref="LayerFinding"/> says of its layer (see <see cref="LayerVerdicts"/>).</summary>
public enum LayerVerdictKind
{
    /// <summary>The layer holds the network back: a wider one does better by more than the tolerance.</summary>
    Bottleneck,

    /// <summary>The layer is wider than it needs to be: a narrower one does as well within the tolerance.</summary>
    Oversized,
}

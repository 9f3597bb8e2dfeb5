namespace CapacityGrid.Analysis.Measures.Probes;

/// <summary>Which measures a <see cref="LayerProbe"/> computes; leave out the costly ones to probe every epoch cheaply.</summary>
[Flags]
public enum LayerMeasures
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Delve saturation of the pre-activation, from an online covariance over the probed rows.</summary>
    Saturation = 1,

    /// <summary>TwoNN intrinsic dimension of the post-activation.</summary>
    Dimension = 2,

    /// <summary>Binned I(X;T) and I(T;Y) of the post-activation (bounded activations only).</summary>
    BinnedInformation = 4,

    /// <summary>Matrix-based Rényi S(T), I(X;T) and I(T;Y) on a fixed subsample.</summary>
    RenyiInformation = 8,

    /// <summary>Every measure.</summary>
    All = Saturation | Dimension | BinnedInformation | RenyiInformation,
}

namespace CapacityGrid.Analysis.Measures.Layers;

/// <summary>Delve saturation of one layer over one pass (see <see cref="DelveSaturation"/>).</summary>
/// <param name="Width">Features of the layer (channels for a convolution).</param>
/// <param name="Samples">Observations the covariance was accumulated over.</param>
/// <param name="Delta">Share of the variance the intrinsic dimension must explain.</param>
/// <param name="IntrinsicDimension">ID_δ: eigendirections needed, by Delve's rounding rule.</param>
/// <param name="Saturation">IntrinsicDimension / Width, in (0, 1].</param>
public sealed record LayerSaturation(int Width, long Samples, double Delta, int IntrinsicDimension, double Saturation);

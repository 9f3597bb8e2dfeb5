namespace CapacityGrid.Analysis.Capacity;

/// <summary>What one hidden layer of a trained probe uses, beyond its saturation and TwoNN dimension.</summary>
/// <param name="Name">Layer name (fc1, fc2, ...).</param>
/// <param name="Width">Units.</param>
/// <param name="EffectiveRank">
/// RankMe (Garrido et al. 2023): exp of the entropy of the normalised singular values of the layer's output on the
/// probed rows; between 1 and the width.
/// </param>
/// <param name="InputSimilarity">
/// Linear CKA (Kornblith et al. 2019) between the layer's input (the data, or the previous layer's output) and its
/// output, in [0, 1]: near 1 when the layer passes on what it receives, up to a rotation and scale - a layer whose
/// removal costs little (Gromov et al. 2024 use the angle between a block's input and output the same way).
/// </param>
public sealed record LayerUse(string Name, int Width, double EffectiveRank, double InputSimilarity);

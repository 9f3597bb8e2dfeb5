namespace CapacityGrid.Analysis.Training.Tracking;

/// <summary>One hidden layer after one epoch, as <see cref="LayerTracking"/> asked: null where a measure was not requested.</summary>
/// <param name="Name">Layer name as in <see cref="Models.IModelSpec.LayerNames"/> (fc1, ...; conv1, ... for a CNN).</param>
/// <param name="Width">Units of the layer.</param>
/// <param name="TrainSaturation">Delve saturation of the pre-activation over the training pass, in (0, 1].</param>
/// <param name="TestSaturation">The same over the test pass.</param>
/// <param name="Train">Information-plane coordinates on the training part's fixed subsample.</param>
/// <param name="Test">Information-plane coordinates on the test part's fixed subsample.</param>
public sealed record LayerEpoch(
    string Name,
    int Width,
    double? TrainSaturation,
    double? TestSaturation,
    LayerInformation? Train,
    LayerInformation? Test);

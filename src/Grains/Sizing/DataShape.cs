using CapacityGrid.Analysis.Data;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Sizing;

/// <summary>What the size of a grid depends on in its data: features, classes, all rows, and the rows it trains on.</summary>
/// <param name="Features">Input features per sample.</param>
/// <param name="Classes">Label classes.</param>
/// <param name="Samples">Rows of every part (train, validation and test), as the trainer holds them.</param>
/// <param name="TrainSamples">Rows of the training part: one epoch's samples.</param>
public sealed record DataShape(int Features, int Classes, long Samples, long TrainSamples)
{
    /// <summary>The shape of generated data, from its spec alone (nothing is generated); null for file data.</summary>
    public static DataShape? FromSpec(DatasetSpec dataset)
    {
        if (dataset.TypedKind.IsFile())
        {
            return null;
        }
        // The holdout takes test and validation shares of the rows; the rest trains (up to maxTrainSamples).
        var train = (long)Math.Round(dataset.Samples * (1 - dataset.TestFraction - dataset.ValidationFraction));
        return new DataShape(dataset.InputDim, dataset.Classes, dataset.Samples, Math.Min(train, dataset.MaxTrainSamples ?? long.MaxValue));
    }

    /// <summary>The shape of a loaded split.</summary>
    public static DataShape Of(DataSplit data) => new(
        data.Train.FeatureCount, data.Train.Classes, (long)data.Train.Samples + data.Validation.Samples + data.Test.Samples, data.Train.Samples);
}

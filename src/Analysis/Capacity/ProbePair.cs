using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using CapacityGrid.Analysis.Measures.Layers;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// The two probes a <see cref="ProbePlan"/> with <see cref="ProbePlan.WithHalfWidth"/> affords: one of the planned width
/// and one of half of it, same rows, epochs and seed. A layer whose used dimension grows with the width has not found
/// its size; one whose used dimension stays put has.
/// </summary>
/// <param name="Wide">The planned probe.</param>
/// <param name="Half">The half-width probe (null for a plan of one probe).</param>
/// <param name="WideSpec">The planned probe's shape.</param>
/// <param name="HalfSpec">The half-width probe's shape (null for a plan of one probe).</param>
/// <param name="MultiplyAdds">Training multiply-adds both spent.</param>
/// <param name="InputDimension">
/// Directions holding 99 % of the variance of the probes' training inputs (Delve's measure on the data), or null when
/// not measured: how much a first layer could keep of what it reads.
/// </param>
public sealed record ProbePair(ProbeRun Wide, ProbeRun? Half, MlpSpec WideSpec, MlpSpec? HalfSpec, double MultiplyAdds, int? InputDimension = null)
{
    /// <summary>Trains the plan's probes on its rows of <paramref name="data"/>, the wide one first.</summary>
    /// <param name="onEpoch">Called after each epoch with the probe's shape.</param>
    public static ProbePair Train(DataSplit data, ProbePlan plan, TrainOptions options, Action<MlpSpec, EpochReport>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var rows = data.LimitTrain(plan.Rows);
        var trainOptions = options with { Epochs = plan.Epochs };
        MlpSpec Spec(int width) => new(data.Train.FeatureCount, [.. Enumerable.Repeat(width, plan.Depth)], data.Train.Classes);
        ProbeRun Run(MlpSpec spec) => ProbeRun.Train(rows, spec, trainOptions, e => onEpoch?.Invoke(spec, e), cancellationToken);

        var wideSpec = Spec(plan.Width);
        var wide = Run(wideSpec);
        var spent = TrainingCost.TrainingMultiplyAdds(wideSpec, wide.SampleEpochs);
        var input = InputDimensionOf(rows.Train, options.Seed);
        if (!plan.WithHalfWidth)
        {
            return new ProbePair(wide, null, wideSpec, null, spent, input);
        }
        var halfSpec = Spec(ProbePlanner.HalfOf(plan.Width));
        var half = Run(halfSpec);
        return new ProbePair(wide, half, wideSpec, halfSpec, spent + TrainingCost.TrainingMultiplyAdds(halfSpec, half.SampleEpochs), input);
    }

    /// <summary>
    /// Delve's saturation dimension of <paramref name="data"/>'s features (directions holding 99 % of their variance),
    /// over at most <see cref="ProbeRun.SaturationSamples"/> rows drawn with <paramref name="seed"/>, as the probes'
    /// layers are measured.
    /// </summary>
    public static int InputDimensionOf(TabularData data, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var covariance = new CovarianceAccumulator(data.FeatureCount);
        foreach (var row in RowSample.Choose(data.Samples, ProbeRun.SaturationSamples, seed))
        {
            covariance.Add(data.Row(row));
        }
        return DelveSaturation.Of(covariance).IntrinsicDimension;
    }
}

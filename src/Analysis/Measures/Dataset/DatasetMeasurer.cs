using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Prequential;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Computes every default dataset measure (MEASURES.md, "Dataset") for a <see cref="TabularData"/>. A measure
/// that cannot be computed for the data comes back null with a reason, never NaN.
/// </summary>
/// <remarks>
/// Entropies, the compression bound and MEC use every row. TwoNN, MLE and KSG use at most
/// <see cref="DatasetMeasurerOptions.MaxNeighbourSamples"/> rows, one seeded subsample shared by the three.
/// The prequential code length trains the reference MLP of <see cref="DatasetMeasurerOptions.PrequentialHiddenWidths"/>
/// on every row (z-scored with all rows' statistics: the receiver of the code has the inputs).
/// The compressors, the neighbour-based measures and the prequential code run side by side.
/// </remarks>
public sealed class DatasetMeasurer(DatasetMeasurerOptions options)
{
    private readonly DatasetMeasurerOptions _options = options.Validated();

    /// <summary>A measurer with the default options.</summary>
    public DatasetMeasurer()
        : this(new DatasetMeasurerOptions())
    {
    }

    /// <summary>All default measures of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The shape or labels are inconsistent, or a feature is NaN or infinite (the message names the sample and feature).
    /// </exception>
    public DatasetMeasures Measure(TabularData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Validated();
        ColumnRanges.Of(data); // throws naming the sample and feature of a NaN, before any work starts
        var rows = RowSample.Choose(data.Samples, _options.MaxNeighbourSamples, _options.Seed);
        CompressedBitsPerSample? compressed = null;
        IntrinsicDimensionMeasures? dimension = null;
        MutualInformationMeasures? information = null;
        PrequentialMeasures? prequential = null;
        try
        {
            Parallel.Invoke(
                new ParallelOptions { CancellationToken = cancellationToken },
                () => compressed = SampleCompression.Measure(data, cancellationToken),
                () =>
                {
                    var (points, labels) = Gather(data, rows);
                    dimension = IntrinsicDimension(points, data.FeatureCount, cancellationToken);
                    cancellationToken.ThrowIfCancellationRequested();
                    information = MutualInformation(points, data.FeatureCount, labels);
                },
                () => prequential = PrequentialCodeLength(data, cancellationToken));
        }
        catch (AggregateException) when (cancellationToken.IsCancellationRequested)
        {
            // Report a cancellation as one, not wrapped in whichever branch saw it first.
            cancellationToken.ThrowIfCancellationRequested();
        }
        return new DatasetMeasures(
            data.Samples,
            data.FeatureCount,
            data.Classes,
            Entropy.LabelBits(data.Labels, data.Classes),
            FeatureEntropy.BitsPerSample(data, _options.FeatureBins),
            compressed!,
            dimension!,
            MemoryEquivalentCapacity.Measure(data),
            information!,
            prequential!);
    }

    private PrequentialMeasures PrequentialCodeLength(TabularData data, CancellationToken cancellationToken)
    {
        var uniform = data.Samples * Math.Log2(data.Classes);
        var widths = _options.PrequentialHiddenWidths;
        if (widths.Count == 0)
        {
            return new PrequentialMeasures(null, uniform, "none", "turned off (no hidden widths for the reference learner)");
        }
        var training = new TrainOptions(_options.PrequentialEpochs, Seed: _options.Seed);
        var learner = $"MLP {string.Join('-', widths)}, {OptimizerKinds.Name(training.Optimizer)} {training.LearningRate}, {training.Epochs} epochs and at least {_options.PrequentialMinimumSteps} steps, batch {training.BatchSize}, seed {training.Seed}, z-scored inputs";
        if (data.Classes < 2)
        {
            return new PrequentialMeasures(0, 0, learner, "a single class: the labels need no bits, so 0 is exact and nothing was trained");
        }
        if (data.Samples < MinimumPrequentialSamples)
        {
            return new PrequentialMeasures(null, uniform, learner, $"needs at least {MinimumPrequentialSamples} samples to code any block with a trained model, got {data.Samples}");
        }
        var standardised = new DataSplit(data, TabularData.Empty(data.FeatureCount, data.Classes), "prequential").Standardised().Train;
        var report = PrequentialCode.Measure(standardised, new MlpSpec(data.FeatureCount, [.. widths], data.Classes), training,
            new PrequentialOptions { Seed = _options.Seed, MinimumSteps = _options.PrequentialMinimumSteps }, cancellationToken);
        return new PrequentialMeasures(report.TotalBits, report.UniformBits, learner, null);
    }

    /// <summary>Below this, the default block boundaries leave the first block holding nearly every sample.</summary>
    private const int MinimumPrequentialSamples = 20;

    private IntrinsicDimensionMeasures IntrinsicDimension(float[] points, int dimensions, CancellationToken cancellationToken)
    {
        var n = points.Length / dimensions;
        var k = _options.MleNeighbours;
        if (n < 3)
        {
            var reason = $"nearest-neighbour estimators need at least 3 samples, got {n}";
            return new IntrinsicDimensionMeasures(null, null, n, k, reason, reason);
        }
        var neighbours = NearestNeighbours.Find(points, dimensions, Math.Min(Math.Max(2, k), n - 1), cancellationToken);
        var twoNN = TwoNNDimension.Estimate(neighbours);
        var mle = n > k
            ? MleDimension.Estimate(neighbours, k)
            : Measurement.Unavailable($"MLE with k = {k} needs at least {k + 1} samples, got {n}");
        return new IntrinsicDimensionMeasures(twoNN.Value, mle.Value, n, k, twoNN.Reason, mle.Reason);
    }

    private MutualInformationMeasures MutualInformation(float[] points, int dimensions, int[] labels)
    {
        var n = labels.Length;
        var components = Math.Min(_options.MutualInformationComponents, dimensions);
        var reduction = dimensions <= _options.MutualInformationComponents
            ? $"the {dimensions} z-scored features"
            : $"the top {components} principal components of the z-scored features, each scaled to unit variance";
        var k = _options.KsgNeighbours;
        if (labels.Distinct().Count() < 2)
        {
            return new MutualInformationMeasures(0, 0, n, reduction, k,
                "a single class: the labels carry no information, so 0 is exact and no estimate was run");
        }
        var x = PrincipalComponents.Project(points, n, dimensions, components, _options.Seed);
        var nats = KsgMutualInformation.NatsWithLabels(x, components, labels, k);
        var bits = nats.Select(KsgMutualInformation.ToBits);
        return new MutualInformationMeasures(bits.Value, nats.Value, n, reduction, k, nats.Reason);
    }

    private static (float[] Points, int[] Labels) Gather(TabularData data, int[] rows)
    {
        var d = data.FeatureCount;
        var points = new float[rows.Length * d];
        var labels = new int[rows.Length];
        for (var t = 0; t < rows.Length; t++)
        {
            data.Row(rows[t]).CopyTo(points.AsSpan(t * d, d));
            labels[t] = data.Labels[rows[t]];
        }
        return (points, labels);
    }
}

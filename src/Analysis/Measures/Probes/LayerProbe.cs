using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using CapacityGrid.Analysis.Measures.Layers;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Numerics;
using CapacityGrid.Analysis.Training.Checkpointing;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Measures.Probes;

/// <summary>
/// Measures the hidden layers of a trained <see cref="ClassifierModel"/> (MLP, or CNN: a conv layer as its channels averaged over the map) on a data set (MEASURES.md, "Layer"): Delve
/// saturation, TwoNN intrinsic dimension, binned and matrix-based Rényi information-plane coordinates.
/// </summary>
/// <remarks>
/// <para>One probe per pass: keep a train probe and an eval probe apart (each has its own covariance
/// accumulators, its own row subsamples and cached input Grams) and call each once per epoch with its data.
/// Not thread-safe.</para>
/// <para>The layers run one by one under no_grad in eval mode. Saturation uses the pre-activation, as Delve
/// does for linear layers, its covariance accumulated batch by batch in float64 (<see cref="CovarianceAccumulator"/>)
/// over every row (or a fixed subsample,
/// <see cref="LayerProbeOptions.SaturationSamples"/>). The other measures use the post-activation of a fixed
/// seeded subsample. The Rényi kernel widths are computed on the first call and then held fixed, so
/// entropies of different epochs are comparable; pass them in to share them between probes.</para>
/// </remarks>
public sealed class LayerProbe
{
    private readonly LayerProbeOptions _options;
    private readonly CovarianceAccumulator[] _covariances;
    private KernelWidths? _kernelWidths;
    private RenyiReference? _reference;

    /// <summary>A probe for models of shape <paramref name="spec"/>; <paramref name="kernelWidths"/> fixes the Rényi σ's.</summary>
    public LayerProbe(IModelSpec spec, LayerProbeOptions? options = null, KernelWidths? kernelWidths = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (kernelWidths is not null && kernelWidths.Layers.Length != spec.HiddenWidths.Count)
        {
            throw new ArgumentException($"{kernelWidths.Layers.Length} layer kernel widths for {spec.HiddenWidths.Count} hidden layers", nameof(kernelWidths));
        }
        Spec = spec;
        _options = (options ?? new LayerProbeOptions()).Validated();
        _covariances = [.. spec.HiddenWidths.Select(w => new CovarianceAccumulator(w))];
        _kernelWidths = kernelWidths;
    }

    /// <summary>The model shape this probe measures.</summary>
    public IModelSpec Spec { get; }

    /// <summary>The Rényi kernel widths in use: given, or fixed by the first probe; null before that.</summary>
    public KernelWidths? KernelWidths => _kernelWidths;

    /// <summary>Loads <paramref name="checkpoint"/> (from <see cref="Checkpoints.SaveWeights"/>) into a model of <see cref="Spec"/> and probes it.</summary>
    public ProbeReport Probe(byte[] checkpoint, TabularData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var model = Spec.Build();
        Checkpoints.LoadWeights(model, checkpoint);
        return Probe(model, data, cancellationToken);
    }

    /// <summary>Measures every hidden layer of <paramref name="model"/> on <paramref name="data"/>; restores the model's training mode after.</summary>
    public ProbeReport Probe(ClassifierModel model, TabularData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        CheckShapes(model.ModelSpec, data);
        var measures = _options.Measures;
        var infoRows = RowSample.Choose(data.Samples, _options.InformationSamples, _options.Seed);
        var infoLabels = Array.ConvertAll(infoRows, r => data.Labels[r]);
        var wasTraining = model.training;
        model.eval();
        LayerSaturation[]? saturations = null;
        float[][]? activations = null;
        try
        {
            using var noGrad = no_grad();
            if (measures.HasFlag(LayerMeasures.Saturation))
            {
                saturations = Saturations(model, data, cancellationToken);
            }
            if ((measures & ~LayerMeasures.Saturation) != 0)
            {
                activations = Capture(model, data, infoRows);
            }
        }
        finally
        {
            if (wasTraining)
            {
                model.train();
            }
        }

        RenyiReference? renyi = null;
        if (measures.HasFlag(LayerMeasures.RenyiInformation))
        {
            renyi = Reference(data, infoRows);
        }
        var layers = new LayerReport[Spec.HiddenWidths.Count];
        for (var l = 0; l < layers.Length; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            layers[l] = MeasureLayer(l, saturations?[l], activations?[l], infoLabels, data.Classes, renyi, cancellationToken);
        }
        return new ProbeReport(
            data.Samples,
            infoRows.Length,
            renyi?.Rows.Length ?? 0,
            Entropy.LabelBits(infoLabels, data.Classes),
            renyi?.InputEntropy,
            renyi?.LabelEntropy,
            renyi is null ? null : _kernelWidths,
            layers);
    }

    private void CheckShapes(IModelSpec model, TabularData data)
    {
        if (model.InputDim != Spec.InputDim || !model.HiddenWidths.SequenceEqual(Spec.HiddenWidths) || model.TypedActivation != Spec.TypedActivation
            || model.Family != Spec.Family)
        {
            throw new ArgumentException($"the probe is for {Describe(Spec)}, the model is {Describe(model)}", nameof(model));
        }
        if (data.FeatureCount != Spec.InputDim)
        {
            throw new ArgumentException($"the data has {data.FeatureCount} features, the model takes {Spec.InputDim}", nameof(data));
        }
        static string Describe(IModelSpec s) => s is MlpSpec ? $"{s.InputDim}-{string.Join("-", s.HiddenWidths)}-{s.Classes} {s.Activation}" : $"{s.Family} {s}";
    }

    // Delve saturation of each hidden pre-activation, its covariance accumulated over the saturation rows one
    // batch at a time (reset first: every pass starts afresh).
    private LayerSaturation[] Saturations(ClassifierModel model, TabularData data, CancellationToken cancellationToken)
    {
        foreach (var covariance in _covariances)
        {
            covariance.Reset();
        }
        var rows = _options.SaturationSamples is { } max
            ? RowSample.Choose(data.Samples, max, _options.Seed)
            : Enumerable.Range(0, data.Samples).ToArray();
        for (var start = 0; start < rows.Length; start += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = rows.AsSpan(start, Math.Min(_options.BatchSize, rows.Length - start));
            model.Forward(RowTensors.Features(data, batch), (l, pre, _) => _covariances[l].Add(TensorFloats.ToArray(pre)));
        }
        return [.. _covariances.Select(c => DelveSaturation.Of(c, _options.Delta))];
    }

    // The post-activation of every hidden layer on the given rows, row-major per layer.
    private float[][] Capture(ClassifierModel model, TabularData data, int[] rows)
    {
        var result = Spec.HiddenWidths.Select(w => new float[rows.Length * w]).ToArray();
        for (var start = 0; start < rows.Length; start += _options.BatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(_options.BatchSize, rows.Length - start);
            model.Forward(RowTensors.Features(data, rows.AsSpan(start, count)), (l, _, post) =>
                TensorFloats.CopyTo(post, result[l].AsSpan(start * Spec.HiddenWidths[l])));
        }
        return result;
    }

    private LayerReport MeasureLayer(int l, LayerSaturation? saturation, float[]? activations, int[] labels, int classes, RenyiReference? renyi, CancellationToken cancellationToken)
    {
        const string NotRequested = "not requested";
        var measures = _options.Measures;
        var width = Spec.HiddenWidths[l];
        var report = new LayerReport(Spec.LayerNames[l], width, Spec.Activation,
            null, null, 0, NotRequested, null, NotRequested, null, null, null, NotRequested, null, null, null, NotRequested);

        if (saturation is not null)
        {
            report = report with
            {
                Saturation = saturation.Saturation,
                SaturationDimension = saturation.IntrinsicDimension,
                SaturationSamples = saturation.Samples,
                SaturationReason = null,
            };
        }
        if (activations is null)
        {
            return report;
        }
        var samples = labels.Length;
        if (measures.HasFlag(LayerMeasures.Dimension))
        {
            var twoNN = samples < 3
                ? Measurement.Unavailable($"TwoNN needs at least 3 samples, got {samples}")
                : TwoNNDimension.Estimate(NearestNeighbours.Find(activations, width, 2, cancellationToken));
            report = report with { TwoNNDimension = twoNN.Value, TwoNNReason = twoNN.Reason };
        }
        if (measures.HasFlag(LayerMeasures.BinnedInformation))
        {
            report = Spec.TypedActivation.IsBounded()
                ? Binned(report, BinnedMutualInformation.Of(activations, samples, labels, classes, _options.Bins))
                : report with
                {
                    BinnedReason = $"binned information needs a bounded activation; {Spec.Activation} is unbounded, where the numbers mostly reflect the bin size (Saxe et al. 2018)",
                };
        }
        if (renyi is not null)
        {
            report = renyi.Rows.Length < 2
                ? report with { RenyiReason = $"matrix-based Rényi measures need at least 2 samples, got {renyi.Rows.Length}" }
                : Renyi(report, l, activations, renyi);
        }
        return report;
    }

    private static LayerReport Binned(LayerReport report, BinnedInformation binned) => report with
    {
        BinnedInputBits = binned.InputBits,
        BinnedLabelBits = binned.LabelBits,
        BinnedPatterns = binned.Patterns,
        BinnedReason = null,
    };

    private LayerReport Renyi(LayerReport report, int l, float[] activations, RenyiReference renyi)
    {
        var width = Spec.HiddenWidths[l];
        var r = renyi.Rows.Length;
        var picked = new float[r * width];
        for (var i = 0; i < r; i++)
        {
            activations.AsSpan(renyi.Rows[i] * width, width).CopyTo(picked.AsSpan(i * width, width));
        }
        var alpha = _options.RenyiAlpha;
        var gram = GaussianGram.Of(GaussianGram.Standardize(picked, r), r, _kernelWidths!.Layers[l]);
        var entropy = MatrixRenyiEntropy.Entropy(gram, r, alpha);
        var withInput = MatrixRenyiEntropy.JointEntropy(gram, renyi.InputGram, r, alpha);
        var withLabels = MatrixRenyiEntropy.JointEntropy(gram, renyi.LabelGram, r, alpha);
        return report with
        {
            RenyiEntropyBits = entropy,
            RenyiInputBits = renyi.InputEntropy + entropy - withInput,
            RenyiLabelBits = entropy + renyi.LabelEntropy - withLabels,
            RenyiReason = null,
        };
    }

    // The input and label Grams do not change between epochs: build them once per data set.
    private RenyiReference Reference(TabularData data, int[] infoRows)
    {
        if (_reference is not null && ReferenceEquals(_reference.Data, data))
        {
            return _reference;
        }
        var rows = RowSample.Choose(infoRows.Length, _options.RenyiSamples, _options.Seed + 1);
        var r = rows.Length;
        _kernelWidths ??= KernelWidths.Silverman(r, Spec.InputDim, Spec.HiddenWidths, _options.KernelGamma, _options.LabelKernelWidth);
        var d = data.FeatureCount;
        var inputs = new float[r * d];
        var labels = new int[r];
        for (var i = 0; i < r; i++)
        {
            data.Row(infoRows[rows[i]]).CopyTo(inputs.AsSpan(i * d, d));
            labels[i] = data.Labels[infoRows[rows[i]]];
        }
        var alpha = _options.RenyiAlpha;
        var inputGram = GaussianGram.Of(GaussianGram.Standardize(inputs, r), r, _kernelWidths.Input);
        var labelGram = GaussianGram.OfLabels(labels, data.Classes, _kernelWidths.Labels);
        _reference = new RenyiReference(
            data,
            rows,
            inputGram,
            labelGram,
            r < 2 ? 0 : MatrixRenyiEntropy.Entropy(inputGram, r, alpha),
            r < 2 ? 0 : MatrixRenyiEntropy.Entropy(labelGram, r, alpha));
        return _reference;
    }

    /// <summary>The Rényi subsample of one data set: indices into the information rows, and its input and label Grams.</summary>
    private sealed record RenyiReference(TabularData Data, int[] Rows, double[] InputGram, double[] LabelGram, double InputEntropy, double LabelEntropy);
}

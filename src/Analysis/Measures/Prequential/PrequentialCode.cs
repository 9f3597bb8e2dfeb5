using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Analysis.Measures.Prequential;

/// <summary>
/// Prequential (online) code length of the labels given the inputs (Blier &amp; Ollivier, "The description length
/// of deep learning models", 2018; Voita &amp; Titov, "Information-theoretic probing with minimum description
/// length", 2020): how many bits a sender needs to transmit the labels to a receiver who has the inputs and
/// the same learning algorithm.
/// </summary>
/// <remarks>
/// The samples are cut into blocks ending at t_1 &lt; t_2 &lt; … &lt; t_S = n. The first block is sent with the
/// uniform code, t_1 · log2 K bits; block i &gt; 1 with -Σ log2 p(y|x) under a model of the given shape trained
/// (by <see cref="ClassifierTrainer"/>, with the given options and seed, so the receiver can repeat it) on samples
/// [0, t_{i-1}). Training is deterministic by seed, so the code is decodable. The model is trained for a fixed
/// number of epochs rather than with Voita &amp; Titov's early stopping. If training diverges, the model of the last
/// finite epoch codes the block; if there is none, or its loss on the block is not finite, the block is coded
/// uniformly (the receiver sees the same, so the code stays decodable).
/// </remarks>
public static class PrequentialCode
{
    /// <summary>Codes the labels of <paramref name="data"/> block by block with models of <paramref name="spec"/>.</summary>
    public static PrequentialReport Measure(
        TabularData data,
        MlpSpec spec,
        TrainOptions training,
        PrequentialOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(training);
        options = (options ?? new PrequentialOptions()).Validated();
        data.Validated();
        if (spec.InputDim != data.FeatureCount || spec.Classes != data.Classes)
        {
            throw new ArgumentException($"the model takes {spec.InputDim} features and {spec.Classes} classes, the data has {data.FeatureCount} and {data.Classes}");
        }
        var ordered = options.Shuffle ? Shuffled(data, options.Seed) : data;
        var bitsPerLabel = Math.Log2(data.Classes);
        var blocks = new List<PrequentialBlock>();
        var start = 0;
        foreach (var end in Ends(data.Samples, options.BoundariesPercent))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var uniform = (end - start) * bitsPerLabel;
            var modelBits = start == 0 ? null : ModelBits(ordered, start, end, spec, BlockTraining(training, options, start), cancellationToken);
            blocks.Add(new PrequentialBlock(start, end, modelBits ?? uniform, uniform, modelBits is null ? "uniform" : "model"));
            start = end;
        }
        return new PrequentialReport(data.Samples, data.Classes, blocks.Sum(b => b.Bits), data.Samples * bitsPerLabel, blocks);
    }

    /// <summary>The distinct block ends round(p · n / 100), at least 1; empty blocks are dropped.</summary>
    public static IReadOnlyList<int> Ends(int samples, IReadOnlyList<double> boundariesPercent)
    {
        var ends = new List<int>();
        foreach (var percent in boundariesPercent)
        {
            var end = Math.Clamp((int)Math.Round(percent / 100 * samples), 1, samples);
            if (ends.Count == 0 || end > ends[^1])
            {
                ends.Add(end);
            }
        }
        return ends;
    }

    /// <summary>The training of the model that codes the block after <paramref name="prefix"/> samples: at least <see cref="PrequentialOptions.MinimumSteps"/> steps.</summary>
    public static TrainOptions BlockTraining(TrainOptions training, PrequentialOptions options, int prefix)
    {
        var batchesPerEpoch = (prefix + training.BatchSize - 1) / training.BatchSize;
        var epochs = (options.MinimumSteps + batchesPerEpoch - 1) / batchesPerEpoch;
        return epochs > training.Epochs ? training with { Epochs = Math.Min(epochs, Math.Max(training.Epochs, options.MaxEpochs)) } : training;
    }

    // -Σ log2 p(y|x) over [start, end) under a model trained on [0, start): the last epoch's test loss is the
    // mean cross-entropy in nats over exactly those samples.
    private static double? ModelBits(TabularData data, int start, int end, MlpSpec spec, TrainOptions training, CancellationToken cancellationToken)
    {
        var split = new DataSplit(Rows(data, 0, start), Rows(data, start, end), "prequential");
        EpochReport? last = null;
        ClassifierTrainer.Train(split, spec, training, e => last = e, cancellationToken);
        return last is null || !double.IsFinite(last.TestLoss) ? null : last.TestLoss * (end - start) / Math.Log(2);
    }

    private static TabularData Rows(TabularData data, int start, int end)
    {
        var d = data.FeatureCount;
        return new TabularData(data.Features[(start * d)..(end * d)], end - start, d, data.Labels[start..end], data.Classes);
    }

    private static TabularData Shuffled(TabularData data, int seed)
    {
        var order = Enumerable.Range(0, data.Samples).ToArray();
        new Random(seed).Shuffle(order);
        var d = data.FeatureCount;
        var features = new float[data.Features.Length];
        var labels = new int[data.Samples];
        for (var i = 0; i < order.Length; i++)
        {
            data.Row(order[i]).CopyTo(features.AsSpan(i * d, d));
            labels[i] = data.Labels[order[i]];
        }
        return data with { Features = features, Labels = labels };
    }
}

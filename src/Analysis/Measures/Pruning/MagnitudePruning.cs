using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Trainers;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Measures.Pruning;

/// <summary>
/// Prunability of a trained <see cref="Mlp"/> (MEASURES.md, "Model"): global magnitude pruning over a grid of
/// fractions, test accuracy at each, with and without a short masked fine-tune, and the largest fraction
/// removable at ≤ 0.5 pp accuracy loss - a direct measure of over-capacity.
/// </summary>
/// <remarks>
/// <para>Every fraction starts again from the trained weights (one-shot pruning, not iterative). The caller's
/// model is not changed: each point works on a copy.</para>
/// <para>The fine-tuned fraction is usually at least the plain one, but not always: the fine-tune trains on the
/// training part and may lower test accuracy (over-fitting, a learning rate too high for the trained weights).
/// We do not pick the better of the two per fraction, since that would choose on the test set.</para>
/// </remarks>
public static class MagnitudePruning
{
    /// <summary>Loads <paramref name="checkpoint"/> into a model of <paramref name="spec"/> and measures it.</summary>
    public static PruningReport Measure(MlpSpec spec, byte[] checkpoint, DataSplit data, PruningOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var model = new Mlp(spec);
        Checkpoints.LoadWeights(model, checkpoint);
        return Measure(model, data, options, cancellationToken);
    }

    /// <summary>The pruning curve of <paramref name="model"/>: accuracy on <c>data.Test</c>, fine-tuning on <c>data.Train</c>.</summary>
    public static PruningReport Measure(Mlp model, DataSplit data, PruningOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        options = (options ?? new PruningOptions()).Validated();
        if (data.Test.FeatureCount != model.Spec.InputDim)
        {
            throw new ArgumentException($"the data has {data.Test.FeatureCount} features, the model takes {model.Spec.InputDim}", nameof(data));
        }
        using var scope = NewDisposeScope();
        // Inside the scope: ExtractWeights leaves the tensors of its detach() to whichever scope is open.
        var ranking = MagnitudeRanking.Of(ClassifierTrainer.ExtractWeights(model));
        var (testX, testY) = RowTensors.All(data.Test);
        var wasTraining = model.training;
        var (_, baseline) = ClassifierTrainer.Evaluate(model, testX, testY);
        if (wasTraining)
        {
            model.train();
        }

        var points = new List<PruningPoint>();
        foreach (var fraction in options.Fractions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keep = ranking.Keep(fraction);
            using var pruned = Copy(model);
            using (var pointScope = NewDisposeScope())
            {
                MaskedFineTune.Apply(pruned, MaskedFineTune.Masks(pruned, keep));
            }
            var (loss, accuracy) = ClassifierTrainer.Evaluate(pruned, testX, testY);
            var point = new PruningPoint(fraction, ranking.PrunedCount(fraction), accuracy, loss, null, null, "no fine-tune requested");
            if (options.FineTune is { } tune)
            {
                point = MaskedFineTune.Run(pruned, keep, data.Train, tune, cancellationToken) && ClassifierTrainer.Evaluate(pruned, testX, testY) is var (tunedLoss, tunedAccuracy) && double.IsFinite(tunedLoss)
                    ? point with { FineTunedAccuracy = tunedAccuracy, FineTunedLoss = tunedLoss, FineTuneReason = null }
                    : point with { FineTuneReason = "the fine-tune diverged (loss NaN or infinite)" };
            }
            points.Add(point);
        }
        return new PruningReport(
            ranking.Count,
            baseline,
            options.Tolerance,
            points,
            Removable(points, baseline - options.Tolerance, p => p.TestAccuracy),
            options.FineTune is null ? null : Removable(points, baseline - options.Tolerance, p => p.FineTunedAccuracy));
    }

    // The largest fraction whose accuracy stays at or above the floor; 0 (keep the model as it is) if none does.
    // Compared with a hair of slack so an exact tie with the floor is not lost to rounding.
    private static double Removable(IEnumerable<PruningPoint> points, double floor, Func<PruningPoint, double?> accuracy) =>
        points.Where(p => accuracy(p) is { } a && a >= floor - 1e-12).Select(p => p.Fraction).DefaultIfEmpty(0).Max();

    private static Mlp Copy(Mlp model)
    {
        var copy = new Mlp(model.Spec);
        using var noGrad = no_grad();
        for (var i = 0; i < model.Layers.Count; i++)
        {
            copy.Layers[i].weight!.copy_(model.Layers[i].weight!);
            copy.Layers[i].bias!.copy_(model.Layers[i].bias!);
        }
        return copy;
    }
}

using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Training;

namespace CapacityGrid.Grains.Sizing;

/// <summary>
/// The one place that sizes a grid before it runs (the CLI and the experiment grain both use it): every point's
/// parameters, training multiply-adds and memory, from the model each point would build.
/// </summary>
public sealed record GridEstimate(IReadOnlyList<PointEstimate> Points, int Epochs)
{
    /// <summary>Multiply-adds of training every point for every epoch.</summary>
    public double MultiplyAdds => Points.Sum(p => p.MultiplyAdds);

    /// <summary>Estimates every point of <paramref name="spec"/>'s grid (as first planned) on data of <paramref name="data"/>'s shape.</summary>
    /// <exception cref="SpecException">A point's model cannot be built (a CNN whose layers do not fit the image, say).</exception>
    public static GridEstimate Of(ExperimentSpec spec, DataShape data)
    {
        var t = spec.Training;
        var sampleEpochs = data.TrainSamples * t.Epochs;
        // Seeds of one shape build the same model: size each model once.
        var models = new Dictionary<string, (long Parameters, double MultiplyAdds, TrainingMemory Memory)>();
        var points = new List<PointEstimate>();
        foreach (var point in GridPlanner.Expand(spec))
        {
            var key = point.Label[..point.Label.LastIndexOf(' ')];
            if (!models.TryGetValue(key, out var size))
            {
                var model = Model(point, data);
                size = (model.ParameterCount, TrainingCost.TrainingMultiplyAdds(model, sampleEpochs),
                    TrainingMemory.Of(model, t.TypedOptimizer, t.Momentum, (int)Math.Min(t.BatchSize, Math.Max(1, data.TrainSamples)), data.Samples));
                models[key] = size;
            }
            points.Add(new PointEstimate(point, size.Parameters, size.MultiplyAdds, size.Memory));
        }
        return new GridEstimate(points, t.Epochs);
    }

    private static IModelSpec Model(GridPoint point, DataShape data)
    {
        try
        {
            return PointModel.Of(point, data.Features, data.Classes);
        }
        catch (ArgumentException e)
        {
            // PointModel's messages start with the spec field at fault ("grid.cnn.input: ...").
            var colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
            var (field, problem) = colon > 0 && e.Message[..colon].StartsWith("grid", StringComparison.Ordinal)
                ? (e.Message[..colon], e.Message[(colon + 2)..])
                : ("grid", e.Message);
            throw new SpecException(field, problem);
        }
    }
}

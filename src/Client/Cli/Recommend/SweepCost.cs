using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Recommend;

/// <summary>The compute of a full sweep of a grid on a dataset's training part: what the probe's budget is a share of.</summary>
/// <param name="Name">Which grid: the default or a spec file's.</param>
/// <param name="Points">Configurations x seeds.</param>
/// <param name="SampleEpochs">Training samples x epochs over every point.</param>
/// <param name="MultiplyAdds">Training multiply-adds over every point.</param>
public sealed record SweepCost(string Name, int Points, long SampleEpochs, double MultiplyAdds)
{
    /// <summary>The cost of sweeping <paramref name="grid"/> for <paramref name="epochs"/> epochs on <paramref name="train"/>.</summary>
    public static SweepCost Of(GridSpec grid, int epochs, string name, TabularData train)
    {
        var shapes = GridPlanner.Configurations(grid);
        var perPoint = (long)train.Samples * epochs;
        var multiplyAdds = shapes.Sum(h => TrainingCost.TrainingMultiplyAdds(new MlpSpec(train.FeatureCount, h, train.Classes), perPoint)) * grid.Seeds.Length;
        var points = shapes.Count * grid.Seeds.Length;
        return new SweepCost(name, points, perPoint * points, multiplyAdds);
    }
}

using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Sizing;

/// <summary>What training one grid point takes: its parameters, multiply-adds over all its epochs, and its peak memory.</summary>
public sealed record PointEstimate(GridPoint Point, long Parameters, double MultiplyAdds, TrainingMemory Memory)
{
    /// <summary>The point's configuration as a user wrote it, e.g. <c>65536 x 20 hidden layers</c> or <c>the c8-c16-64 network</c>.</summary>
    public string Configuration
    {
        get
        {
            var hidden = Point.HiddenWidths;
            if (Point.Conv is null && hidden.Length > 0 && hidden.All(w => w == hidden[0]))
            {
                return $"{hidden[0]} x {hidden.Length} hidden layer{(hidden.Length == 1 ? "" : "s")}";
            }
            // The label without its seed: every seed of a shape trains the same model.
            return $"the {Point.Label[..Point.Label.LastIndexOf(' ')]} network";
        }
    }
}

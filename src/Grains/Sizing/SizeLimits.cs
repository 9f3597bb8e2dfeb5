using System.Globalization;
using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Hosting;

namespace CapacityGrid.Grains.Sizing;

/// <summary>
/// Refuses a grid with a point that can never train: more parameters than a model may have, or more training
/// memory than a slot may use. Points over half of either limit are reported as warnings.
/// </summary>
public static class SizeLimits
{
    /// <summary>
    /// Throws a <see cref="SpecException"/> (field <c>grid</c>) naming the largest point over a limit; else returns
    /// the warnings (at most one per limit, for the largest point over half of it).
    /// </summary>
    /// <param name="estimate">The grid's estimate.</param>
    /// <param name="slotMemory">The memory one slot may use.</param>
    /// <param name="slotMemorySource">The configuration the memory limit comes from, for the message.</param>
    public static IReadOnlyList<string> Check(GridEstimate estimate, ByteSize slotMemory, string slotMemorySource)
    {
        var warnings = new List<string>();
        if (estimate.Points.MaxBy(p => p.Parameters) is not { } largest)
        {
            return warnings;
        }
        const long limit = MlpSpec.MaxParameters;
        if (largest.Parameters > limit)
        {
            throw new SpecException("grid", $"{largest.Configuration} has {N(largest.Parameters)} parameters, more than {N(limit)}");
        }
        if (largest.Parameters > limit / 2)
        {
            warnings.Add($"grid: {largest.Configuration} has {N(largest.Parameters)} parameters, over half the {N(limit)} a model may have{Others(estimate, p => p.Parameters > limit / 2)}");
        }
        var hungriest = estimate.Points.MaxBy(p => p.Memory.Total)!;
        if (hungriest.Memory.Total > slotMemory.Bytes)
        {
            throw new SpecException("grid", $"{hungriest.Configuration} needs about {Parts(hungriest)}, more than the {slotMemory} a training slot has ({slotMemorySource})");
        }
        if (hungriest.Memory.Total > slotMemory.Bytes / 2)
        {
            warnings.Add($"grid: {hungriest.Configuration} needs about {Parts(hungriest)}, over half the {slotMemory} a training slot has ({slotMemorySource}){Others(estimate, p => p.Memory.Total > slotMemory.Bytes / 2)}");
        }
        return warnings;
    }

    private static string Parts(PointEstimate point)
    {
        var m = point.Memory;
        return $"{ByteSize.Format(m.Total)} to train (weights {ByteSize.Format(m.Weights)}, gradients {ByteSize.Format(m.Gradients)}, " +
            $"optimizer state {ByteSize.Format(m.OptimizerState)}, one batch of activations {ByteSize.Format(m.Activations)}, data set {ByteSize.Format(m.Data)}, layer measures {ByteSize.Format(m.LayerMeasures)})";
    }

    // How many more configurations are alike large (seeds of one configuration count once).
    private static string Others(GridEstimate estimate, Func<PointEstimate, bool> large)
    {
        var count = estimate.Points.Where(large).Select(p => p.Configuration).Distinct().Count() - 1;
        return count > 0 ? $"; {count} more configuration{(count == 1 ? " is" : "s are")} as well" : "";
    }

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}

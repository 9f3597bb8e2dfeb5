using CapacityGrid.Analysis.Data;

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Each feature's [min, max] over the samples, and the uniform quantization of a value to a level
/// in [0, levels) on that range - the one quantization feature entropy and the compression bound share.
/// </summary>
internal sealed class ColumnRanges
{
    private readonly float[] _min;
    private readonly float[] _max;

    private ColumnRanges(float[] min, float[] max)
    {
        _min = min;
        _max = max;
    }

    /// <summary>Scans every value once; throws naming the sample and feature of the first NaN or infinity.</summary>
    public static ColumnRanges Of(TabularData data)
    {
        var d = data.FeatureCount;
        var min = new float[d];
        var max = new float[d];
        Array.Fill(min, float.PositiveInfinity);
        Array.Fill(max, float.NegativeInfinity);
        for (var i = 0; i < data.Samples; i++)
        {
            var row = data.Row(i);
            for (var j = 0; j < d; j++)
            {
                var v = row[j];
                if (!float.IsFinite(v))
                {
                    throw new ArgumentException($"feature {j} of sample {i} is {v}; measures need finite values", nameof(data));
                }
                min[j] = Math.Min(min[j], v);
                max[j] = Math.Max(max[j], v);
            }
        }
        return new ColumnRanges(min, max);
    }

    /// <summary>
    /// The level of <paramref name="value"/> of feature <paramref name="feature"/>: floor((v - min) / (max - min) * levels),
    /// the maximum put in the top level; a constant feature is always level 0.
    /// </summary>
    public int Level(int feature, float value, int levels)
    {
        double min = _min[feature];
        double width = _max[feature] - min;
        if (width <= 0)
        {
            return 0;
        }
        var level = (int)((value - min) / width * levels);
        return Math.Min(level, levels - 1);
    }
}

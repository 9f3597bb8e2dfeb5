using CapacityGrid.Analysis.Data;

namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// Turns features into one byte per value for the compression bound. If every value is already an
/// integer in 0..255 (8-bit pixels), the bytes are the values themselves: lossless, and comparable with
/// the published gzip sizes of image files. Otherwise each feature is quantized to 256 uniform levels on
/// its own [min, max] (a constant feature becomes 0) - the same levels <see cref="FeatureEntropy"/> uses
/// by default, so the two measures describe the same quantized data.
/// </summary>
public static class ByteQuantizer
{
    /// <summary>The bytes of <paramref name="data"/>, raw or quantized as described on the type.</summary>
    /// <exception cref="ArgumentException">A feature value is NaN or infinite, or the shape is inconsistent.</exception>
    public static QuantizedBytes ToBytes(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Validated();
        var ranges = ColumnRanges.Of(data);
        var values = data.Features;
        var bytes = new byte[values.Length];
        if (AreBytes(values))
        {
            for (var i = 0; i < values.Length; i++)
            {
                bytes[i] = (byte)values[i];
            }
            return new QuantizedBytes(bytes, data.Samples, Raw: true);
        }
        var d = data.FeatureCount;
        for (var i = 0; i < values.Length; i++)
        {
            bytes[i] = (byte)ranges.Level(i % d, values[i], 256);
        }
        return new QuantizedBytes(bytes, data.Samples, Raw: false);
    }

    private static bool AreBytes(float[] values)
    {
        foreach (var v in values)
        {
            if (v < 0 || v > 255 || v != MathF.Floor(v))
            {
                return false;
            }
        }
        return true;
    }
}

using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>
/// A <see cref="CnnSpec"/> in a checkpoint's <c>CNNS</c> section: input channels, height, width (int32 each), the
/// number of conv layers and each one's channels, kernel (int32) and pooling (string), the head's hidden widths
/// (count, then each), classes and activation.
/// </summary>
internal static class CnnSpecFormat
{
    /// <summary>The section's tag.</summary>
    public const string Tag = "CNNS";

    public static void Write(BinaryWriter w, CnnSpec spec)
    {
        w.Write(spec.InputChannels);
        w.Write(spec.Height);
        w.Write(spec.Width);
        w.Write(spec.Convs.Length);
        foreach (var conv in spec.Convs)
        {
            w.Write(conv.Channels);
            w.Write(conv.Kernel);
            w.Write(conv.Pool);
        }
        w.Write(spec.Hidden.Length);
        foreach (var width in spec.Hidden)
        {
            w.Write(width);
        }
        w.Write(spec.Classes);
        w.Write(spec.Activation);
    }

    /// <exception cref="CheckpointFormatException">A count out of range.</exception>
    /// <exception cref="ArgumentException">A field the spec refuses (the caller reports it as a damaged checkpoint).</exception>
    public static CnnSpec Read(BinaryReader r)
    {
        var (channels, height, width) = (r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        var convs = new ConvLayerSpec[Count(r.ReadInt32(), CnnSpec.MaxConvLayers, "conv layers")];
        for (var i = 0; i < convs.Length; i++)
        {
            convs[i] = new ConvLayerSpec(r.ReadInt32(), r.ReadInt32(), r.ReadString());
        }
        var hidden = new int[Count(r.ReadInt32(), MlpSpec.MaxDepth, "hidden layers")];
        for (var i = 0; i < hidden.Length; i++)
        {
            hidden[i] = r.ReadInt32();
        }
        return new CnnSpec(channels, height, width, convs, hidden, r.ReadInt32(), r.ReadString());
    }

    private static int Count(int count, int max, string what) => count >= 0 && count <= max
        ? count
        : throw new CheckpointFormatException($"checkpoint CNN spec has {count} {what}");
}

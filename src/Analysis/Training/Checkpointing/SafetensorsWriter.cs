using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CapacityGrid.Analysis.Measures.Weights;

namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>
/// Writes layers as a safetensors file: an 8-byte little-endian header length, a UTF-8 JSON header that
/// gives each tensor's <c>dtype</c> (<c>F32</c>), <c>shape</c> and <c>data_offsets</c> (begin and end byte,
/// relative to the data that follows the header), padded with spaces to a multiple of 8 bytes, then the raw
/// little-endian data in header order with no gaps. Each layer becomes <c>{name}.weight</c> (outputs x inputs)
/// and <c>{name}.bias</c>, as a PyTorch <c>nn.Linear</c> names them (a conv layer's weight keeps its shape
/// out x in x k x k, as <c>nn.Conv2d</c> has it).
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>Writes <paramref name="layers"/> (and optional string <paramref name="metadata"/>, stored as <c>__metadata__</c>) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, IReadOnlyList<WeightMatrix> layers, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var tensors = new List<(string Name, int[] Shape, float[] Data)>();
        foreach (var layer in layers)
        {
            layer.Validated();
            tensors.Add(($"{layer.Name}.weight", layer.TensorShape ?? [layer.Rows, layer.Cols], layer.Values));
            if (layer.Bias is not null)
            {
                tensors.Add(($"{layer.Name}.bias", [layer.Rows], layer.Bias));
            }
        }

        var header = Header(tensors, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        output.Write(length);
        output.Write(header);
        foreach (var (_, _, data) in tensors)
        {
            WriteLittleEndian(output, data);
        }
    }

    private static byte[] Header(List<(string Name, int[] Shape, float[] Data)> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var memory = new MemoryStream();
        using (var json = new Utf8JsonWriter(memory))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, shape, data) in tensors)
            {
                var end = offset + (long)data.Length * sizeof(float);
                json.WriteStartObject(name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (var size in shape)
                {
                    json.WriteNumberValue(size);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }
            json.WriteEndObject();
        }
        // Pad with spaces so the data starts 8-byte aligned, as the reference implementation does.
        var padding = (8 - (int)(memory.Length % 8)) % 8;
        memory.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));
        return memory.ToArray();
    }

    private static void WriteLittleEndian(Stream output, float[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            output.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }
        var buffer = new byte[data.Length * sizeof(float)];
        for (var i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * sizeof(float)), data[i]);
        }
        output.Write(buffer);
    }
}

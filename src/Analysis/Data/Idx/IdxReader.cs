using System.Buffers.Binary;
using System.IO.Compression;

namespace CapacityGrid.Analysis.Data.Idx;

/// <summary>
/// Reads MNIST-format (IDX) files, plain or gzip-compressed: unsigned-byte images (magic 0x00000803)
/// and labels (magic 0x00000801).
/// </summary>
public static class IdxReader
{
    private const int ImagesMagic = 0x0000_0803;
    private const int LabelsMagic = 0x0000_0801;

    /// <summary>
    /// Loads a train and a test split from a folder holding <c>train-images-idx3-ubyte</c>,
    /// <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>
    /// (each optionally ending in <c>.gz</c>). Pixels are scaled to [0, 1].
    /// </summary>
    public static (TabularData Train, TabularData Test) LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: IDX dataset folder not found");
        }
        return (Load(folder, "train"), Load(folder, "t10k"));
    }

    private static TabularData Load(string folder, string prefix)
    {
        var imagesPath = Find(folder, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Find(folder, $"{prefix}-labels-idx1-ubyte");
        var (pixels, count, features) = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (labels.Length != count)
        {
            throw new DataFormatException(labelsPath, "header", $"{labels.Length} labels for {count} images in {Path.GetFileName(imagesPath)}");
        }
        var classes = labels.Max() + 1;
        var scaled = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            scaled[i] = pixels[i] / 255f;
        }
        return new TabularData(scaled, count, features, labels, Math.Max(classes, 2)).Validated();
    }

    private static string Find(string folder, string stem)
    {
        foreach (var candidate in new[] { stem, stem + ".gz" })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException($"{Path.Combine(folder, stem)}[.gz]: IDX file not found");
    }

    /// <summary>Reads an image file: the raw bytes, the image count and the pixels per image.</summary>
    public static (byte[] Pixels, int Count, int Features) ReadImages(string path)
    {
        var data = ReadAll(path);
        if (data.Length < 16)
        {
            throw new DataFormatException(path, "offset 0", $"file is {data.Length} bytes, shorter than the 16-byte image header");
        }
        var magic = BinaryPrimitives.ReadInt32BigEndian(data);
        if (magic != ImagesMagic)
        {
            throw new DataFormatException(path, "offset 0", $"magic number 0x{magic:x8} is not an IDX image file (0x{ImagesMagic:x8})");
        }
        var count = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(8));
        var cols = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(12));
        long expected = 16L + (long)count * rows * cols;
        if (count <= 0 || rows <= 0 || cols <= 0 || data.Length < expected)
        {
            throw new DataFormatException(path, $"offset {data.Length}", $"truncated: header announces {count} images of {rows}x{cols}, needing {expected} bytes");
        }
        return (data.AsSpan(16, count * rows * cols).ToArray(), count, rows * cols);
    }

    /// <summary>Reads a label file.</summary>
    public static int[] ReadLabels(string path)
    {
        var data = ReadAll(path);
        if (data.Length < 8)
        {
            throw new DataFormatException(path, "offset 0", $"file is {data.Length} bytes, shorter than the 8-byte label header");
        }
        var magic = BinaryPrimitives.ReadInt32BigEndian(data);
        if (magic != LabelsMagic)
        {
            throw new DataFormatException(path, "offset 0", $"magic number 0x{magic:x8} is not an IDX label file (0x{LabelsMagic:x8})");
        }
        var count = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
        if (count <= 0 || data.Length < 8L + count)
        {
            throw new DataFormatException(path, $"offset {data.Length}", $"truncated: header announces {count} labels");
        }
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = data[8 + i];
        }
        return labels;
    }

    private static byte[] ReadAll(string path)
    {
        using var file = File.OpenRead(path);
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            return bytes;
        }
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        try
        {
            gzip.CopyTo(memory);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"compressed offset {file.Position}", $"corrupt gzip stream ({e.Message})");
        }
        return memory.ToArray();
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Data.Idx;
using CapacityGrid.Tests.Shared;

namespace CapacityGrid.Analysis.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void LoadFolder_FashionMnistFromTheDebianPackage_Has60000TrainAnd10000TestImages()
    {
        SystemPackage.FashionMnist.Require();

        var (train, test) = IdxReader.LoadFolder(SystemPackage.FashionMnist.Path);

        Assert.Equal((60_000, 784, 10), (train.Samples, train.FeatureCount, train.Classes));
        Assert.Equal(10_000, test.Samples);
        Assert.All(Enumerable.Range(0, 10), k => Assert.Equal(6000, train.Labels.Count(l => l == k)));
        Assert.InRange(train.Features.Max(), 0.99f, 1f);
    }

    [Fact]
    public void LoadFolder_WithGzippedAndPlainFiles_ReadsPixelsAndLabels()
    {
        WriteSet("train", [[0, 255, 51, 102], [255, 0, 0, 0]], [1, 0], gzip: true);
        WriteSet("t10k", [[10, 20, 30, 40]], [1], gzip: false);

        var (train, test) = IdxReader.LoadFolder(_folder);

        Assert.Equal([1, 0], train.Labels);
        Assert.Equal([0f, 1f, 0.2f, 0.4f, 1f, 0f, 0f, 0f], train.Features);
        Assert.Equal(1, test.Samples);
    }

    [Fact]
    public void ReadImages_WithAWrongMagicNumber_NamesTheFileAndOffset()
    {
        var path = Path.Combine(_folder, "bad-images");
        File.WriteAllBytes(path, new byte[32]);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("offset 0", e.Message);
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void ReadImages_WhenTruncated_SaysHowManyBytesTheHeaderNeeds()
    {
        var path = Path.Combine(_folder, "short-images");
        File.WriteAllBytes(path, Images([[1, 2, 3, 4], [5, 6, 7, 8]])[..20]);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("truncated", e.Message);
        Assert.Contains("24 bytes", e.Message);
    }

    [Fact]
    public void ReadLabels_WhenTruncated_NamesTheFileAndTheOffsetReached()
    {
        var path = Path.Combine(_folder, "short-labels");
        var bytes = new byte[8 + 3];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), 5);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"{path}: offset 11: truncated: header announces 5 labels", e.Message);
    }

    [Fact]
    public void ReadImages_ACorruptGzipStream_NamesTheFileAndTheCompressedOffset()
    {
        var path = Path.Combine(_folder, "corrupt-images.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, e.File);
        Assert.Contains("compressed offset", e.Message);
        Assert.Contains("corrupt gzip stream", e.Message);
    }

    [Fact]
    public void LoadFolder_MoreLabelsThanImages_NamesTheLabelFile()
    {
        WriteSet("train", [[1, 2, 3, 4]], [0, 1], gzip: false);
        WriteSet("t10k", [[1, 2, 3, 4]], [1], gzip: false);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.LoadFolder(_folder));

        Assert.Equal(Path.Combine(_folder, "train-labels-idx1-ubyte"), e.File);
        Assert.Contains("2 labels for 1 images", e.Message);
    }

    [Fact]
    public void LoadFolder_AMissingFile_NamesItsPath()
    {
        WriteSet("train", [[1, 2, 3, 4]], [0], gzip: false);

        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.LoadFolder(_folder));

        Assert.Contains(Path.Combine(_folder, "t10k-images-idx3-ubyte"), e.Message);
    }

    private void WriteSet(string prefix, byte[][] images, byte[] labels, bool gzip)
    {
        Write($"{prefix}-images-idx3-ubyte", Images(images), gzip);
        var labelBytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(labelBytes, 0x801);
        BinaryPrimitives.WriteInt32BigEndian(labelBytes.AsSpan(4), labels.Length);
        labels.CopyTo(labelBytes, 8);
        Write($"{prefix}-labels-idx1-ubyte", labelBytes, gzip);
    }

    private static byte[] Images(byte[][] images)
    {
        var bytes = new byte[16 + images.Sum(i => i.Length)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), images.Length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 2);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), images[0].Length / 2);
        var offset = 16;
        foreach (var image in images)
        {
            image.CopyTo(bytes, offset);
            offset += image.Length;
        }
        return bytes;
    }

    private void Write(string name, byte[] bytes, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(Path.Combine(_folder, name), bytes);
            return;
        }
        using var file = File.Create(Path.Combine(_folder, name + ".gz"));
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
    }
}

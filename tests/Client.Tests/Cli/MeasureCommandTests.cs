using System.Text.Json;
using CapacityGrid.Tests.Shared;

namespace CapacityGrid.Client.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class MeasureCommandTests
{
    private static readonly string Quickstart = Path.Combine(CliRun.RepoRoot(), "examples", "quickstart.json");

    [Fact]
    public async Task MeasureDataset_OfASpecWithJson_PrintsTheDocumentedKeysAndNoNaN()
    {
        var run = await CliRun.InvokeAsync("measure", "dataset", Quickstart, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("NaN", run.Output);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        Assert.Equal(4000, root.GetProperty("samples").GetInt32());
        Assert.Equal(16, root.GetProperty("features").GetInt32());
        Assert.Equal(4, root.GetProperty("classes").GetInt32());
        Assert.InRange(root.GetProperty("labelEntropyBits").GetDouble(), 1.0, 2.0);
        Assert.True(root.GetProperty("featureEntropyBitsPerSample").GetDouble() > 0);
        var compressed = root.GetProperty("compressedBitsPerSample");
        foreach (var key in new[] { "deflate", "brotli", "zstd", "best" })
        {
            Assert.True(compressed.GetProperty(key).GetDouble() > 0, key);
        }
        // Gaussian inputs in 16 dimensions: the estimators should see most of them.
        Assert.InRange(root.GetProperty("intrinsicDimension").GetProperty("twoNN").GetDouble(), 10, 20);
        Assert.InRange(root.GetProperty("intrinsicDimension").GetProperty("mle").GetDouble(), 10, 20);
        Assert.True(root.GetProperty("mec").GetProperty("estimateBits").GetDouble() > 0);
        Assert.True(root.GetProperty("mec").GetProperty("maxBits").GetDouble() >= root.GetProperty("mec").GetProperty("estimateBits").GetDouble());
    }

    [Fact]
    public async Task MeasureDataset_WithoutJson_PrintsOneLinePerMeasure()
    {
        var run = await CliRun.InvokeAsync("measure", "dataset", Quickstart);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("label entropy (bits)", run.Output);
        Assert.Contains("intrinsic dimension, TwoNN", run.Output);
    }

    [Fact]
    public async Task MeasureDataset_OfAMissingSource_ExitsWith2NamingIt()
    {
        var run = await CliRun.InvokeAsync("measure", "dataset", "/nonexistent/data");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/nonexistent/data", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task MeasureDataset_OfACorruptIdxFolder_ExitsWith2NamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("capgrid-badidx-").FullName;
        try
        {
            foreach (var name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            {
                File.WriteAllBytes(Path.Combine(folder, name), new byte[40]);
            }

            var run = await CliRun.InvokeAsync("measure", "dataset", folder);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("train-images-idx3-ubyte", run.Error);
            Assert.Contains("magic number", run.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task MeasureDataset_OfTheIrisCsv_ReportsItsShapeAndLabelEntropy()
    {
        var iris = SystemPackage.SklearnData.File("iris.csv");

        var run = await CliRun.InvokeAsync("measure", "dataset", iris, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.Equal((150, 4, 3), (doc.RootElement.GetProperty("samples").GetInt32(), doc.RootElement.GetProperty("features").GetInt32(), doc.RootElement.GetProperty("classes").GetInt32()));
        Assert.Equal(1.584963, doc.RootElement.GetProperty("labelEntropyBits").GetDouble(), 6);
    }

    [Fact]
    public async Task MeasureDataset_OfARaggedCsv_ExitsWith2NamingTheLine()
    {
        var file = Path.Combine(Path.GetTempPath(), $"capgrid-ragged-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "a,b,y\n1,2,0\n3,1\n");
        try
        {
            var run = await CliRun.InvokeAsync("measure", "dataset", file);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains(file, run.Error);
            Assert.Contains("line 3", run.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task MeasureDataset_OfABareDatasetSpec_MeasuresRandomLabelsExactly()
    {
        var file = Path.Combine(Path.GetTempPath(), $"capgrid-dataset-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "kind": "random-labels", "inputDim": 6, "classes": 4, "samples": 2000, "seed": 3 }""");
        try
        {
            var run = await CliRun.InvokeAsync("measure", "dataset", file, "--json");

            Assert.True(run.ExitCode == 0, run.Error);
            using var doc = JsonDocument.Parse(run.Output);
            Assert.Equal(2000, doc.RootElement.GetProperty("samples").GetInt32());
            // Uniform labels over 4 classes: H(Y) is 2 bits up to sampling noise (2000 draws).
            Assert.InRange(doc.RootElement.GetProperty("labelEntropyBits").GetDouble(), 1.99, 2.0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task MeasureDataset_OfABareDatasetSpecWithAnUnknownField_ExitsWith2NamingIt()
    {
        var file = Path.Combine(Path.GetTempPath(), $"capgrid-dataset-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "kind": "teacher", "colour": "red" }""");
        try
        {
            var run = await CliRun.InvokeAsync("measure", "dataset", file);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("dataset.colour", run.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
